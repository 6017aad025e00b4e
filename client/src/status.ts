/** The language status item of Python files: findings in this file (or notebook) and the server's state; a click shows the logs. */
import {
  DiagnosticSeverity,
  LanguageStatusSeverity,
  languages,
  window,
  workspace,
  type Disposable,
  type LanguageStatusItem,
  type TextDocument,
  type Uri,
} from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';

const SOURCE = 'Dtype Guard';

/** Files the server did not analyse (size or parse limit), with the reason it gave. */
const notAnalysed = new Map<string, string>();

function describeFindings(item: LanguageStatusItem): void {
  const editor = window.activeTextEditor;
  const skipped = editor && notAnalysed.get(editor.document.uri.toString());
  if (skipped) {
    item.text = `Dtype Guard: not analysed (${skipped})`;
    item.severity = LanguageStatusSeverity.Warning;
    return;
  }
  const diagnostics = editor
    ? urisOf(editor.document).flatMap((uri) => languages.getDiagnostics(uri).filter((d) => d.source === SOURCE))
    : [];
  const problems = diagnostics.filter((d) => d.severity <= DiagnosticSeverity.Warning).length;
  item.text =
    diagnostics.length === 0
      ? 'Dtype Guard: no findings'
      : `Dtype Guard: ${diagnostics.length} finding${diagnostics.length === 1 ? '' : 's'}`;
  item.severity = problems > 0 ? LanguageStatusSeverity.Warning : LanguageStatusSeverity.Information;
}

/** The document itself, or for a notebook cell every cell of its notebook: the cells are checked as one module. */
function urisOf(document: TextDocument): Uri[] {
  const notebook = workspace.notebookDocuments.find((nb) => nb.getCells().some((cell) => cell.document === document));
  return notebook ? notebook.getCells().map((cell) => cell.document.uri) : [document.uri];
}

function describeState(item: LanguageStatusItem, state: State): void {
  item.busy = state === State.Starting;
  item.detail =
    state === State.Running
      ? 'server running'
      : state === State.Starting
        ? 'server starting'
        : state === State.StartFailed
          ? 'server failed to start'
          : 'server stopped';
  if (state === State.StartFailed || state === State.Stopped) item.severity = LanguageStatusSeverity.Error;
}

export function createStatusItem(client: LanguageClient): Disposable[] {
  const item = languages.createLanguageStatusItem('dtypeGuard.status', { language: 'python' });
  item.name = SOURCE;
  item.command = { title: 'Show logs', command: 'dtypeGuard.showLogs' };
  const refresh = () => {
    describeFindings(item);
    describeState(item, client.state);
  };
  refresh();
  return [
    client.onNotification('dtypeGuard/notAnalysed', ({ uri, reason }: { uri: string; reason: string | null }) => {
      if (reason) notAnalysed.set(uri, reason);
      else notAnalysed.delete(uri);
      refresh();
    }),
    item,
    languages.onDidChangeDiagnostics(refresh),
    window.onDidChangeActiveTextEditor(refresh),
    window.onDidChangeActiveNotebookEditor(refresh),
    client.onDidChangeState(refresh),
  ];
}
