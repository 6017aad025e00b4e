/** The language status item of Python files: findings in the Python file or notebook on screen and the server's state; a click shows the logs. */
import {
  DiagnosticSeverity,
  LanguageStatusSeverity,
  languages,
  window,
  type Disposable,
  type LanguageStatusItem,
  type Uri,
} from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';

const SOURCE = 'Dtype Guard';

/** Files the server did not analyse (size or parse limit, excluded), with the reason it gave. */
const notAnalysed = new Map<string, string>();
/** Files of which a part does not parse, with what the server said about it. */
const syntaxErrors = new Map<string, string>();

const isPython = (uri: Uri, languageId: string) => languageId === 'python' && uri.scheme !== 'output';

/**
 * The Python documents on screen: the active notebook's cells, or the active Python editor, or, when
 * focus is elsewhere (the Output panel is a text editor too), the last Python editor still visible.
 */
export class ShownPython {
  private last: Uri | undefined;

  documents(): Uri[] {
    const notebook = window.activeNotebookEditor;
    const active = window.activeTextEditor;
    if (notebook && (!active || active.document.uri.scheme === 'vscode-notebook-cell'))
      return notebook.notebook
        .getCells()
        .filter((c) => c.document.languageId === 'python')
        .map((c) => c.document.uri);
    if (active && isPython(active.document.uri, active.document.languageId)) this.last = active.document.uri;
    const visible = window.visibleTextEditors.filter((e) => isPython(e.document.uri, e.document.languageId));
    const last = this.last && visible.find((e) => e.document.uri.toString() === this.last!.toString());
    const shown = last ?? visible[0];
    return shown ? [shown.document.uri] : [];
  }
}

function describeFindings(item: LanguageStatusItem, uris: Uri[]): void {
  const skipped = uris.map((u) => notAnalysed.get(u.toString())).find((r) => r);
  if (skipped) {
    item.text = `Dtype Guard: not analysed (${skipped})`;
    item.severity = LanguageStatusSeverity.Warning;
    return;
  }
  const diagnostics = uris.flatMap((u) => languages.getDiagnostics(u)).filter((d) => d.source === SOURCE);
  const problems = diagnostics.filter((d) => d.severity <= DiagnosticSeverity.Warning).length;
  const count = diagnostics.length === 0 ? 'no findings' : `${diagnostics.length} finding${diagnostics.length === 1 ? '' : 's'}`;
  const broken = uris.map((u) => syntaxErrors.get(u.toString())).find((m) => m);
  item.text = broken ? `Dtype Guard: ${count}, ${broken}` : `Dtype Guard: ${count}`;
  item.severity = problems > 0 || broken ? LanguageStatusSeverity.Warning : LanguageStatusSeverity.Information;
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

/** Keeps a per-file note from a server notification `{ uri, <key> }` (null withdraws it). */
function noteFrom(map: Map<string, string>, uri: string, value: string | null): void {
  if (value) map.set(uri, value);
  else map.delete(uri);
}

/** What the item shows, for the extension's exports (the editor tests read it there). */
export interface StatusView {
  text: string;
  severity: LanguageStatusSeverity;
  detail?: string;
}

export function createStatusItem(client: LanguageClient): { disposables: Disposable[]; view: () => StatusView } {
  const item = languages.createLanguageStatusItem('dtypeGuard.status', { language: 'python' });
  item.name = SOURCE;
  item.command = { title: 'Show logs', command: 'dtypeGuard.showLogs' };
  const shown = new ShownPython();
  const refresh = () => {
    describeFindings(item, shown.documents());
    describeState(item, client.state);
  };
  refresh();
  const view = () => ({ text: item.text, severity: item.severity, detail: item.detail });
  const disposables = [
    client.onNotification('dtypeGuard/notAnalysed', ({ uri, reason }: { uri: string; reason: string | null }) => {
      noteFrom(notAnalysed, uri, reason);
      refresh();
    }),
    client.onNotification('dtypeGuard/syntaxError', ({ uri, message }: { uri: string; message: string | null }) => {
      noteFrom(syntaxErrors, uri, message);
      refresh();
    }),
    item,
    languages.onDidChangeDiagnostics(refresh),
    window.onDidChangeActiveTextEditor(refresh),
    window.onDidChangeVisibleTextEditors(refresh),
    window.onDidChangeActiveNotebookEditor(refresh),
    client.onDidChangeState(refresh),
  ];
  return { disposables, view };
}
