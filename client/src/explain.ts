/**
 * "Dtype Guard: Explain a dtype error": sends a traceback (the selection, the clipboard, or a log
 * file) to the server's `dtype-guard.explain` command, opens the line it names and shows the
 * explanation as a diagnostic with its quick fix until the file changes. The server does the work.
 */
import {
  CodeAction,
  CodeActionKind,
  Diagnostic,
  DiagnosticSeverity,
  Position,
  Range,
  Uri,
  WorkspaceEdit,
  env,
  languages,
  window,
  workspace,
  type CodeActionProvider,
  type Disposable,
  type LogOutputChannel,
} from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';

export const SERVER_EXPLAIN = 'dtype-guard.explain';

/** A line that may hold one of the errors the server reads (a cheap test; the server decides). */
export const ERROR_LINE =
  /should be the same|expected scalar type \w+ but found|Expected object of scalar type|must have the same dtype|to have (?:the )?same dtypes?|mixed dtype \(CPU\)|dtypes match|to be equal to src\.dtype/;

interface PlainRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

interface ExplainResult {
  explanations: {
    uri: string;
    code: string;
    severity: 'error' | 'warning' | 'information' | 'hint';
    message: string;
    url: string;
    range: PlainRange;
    fixes: { title: string; preferred: boolean; edits: { range: PlainRange; newText: string }[] }[];
    error: string;
    count: number;
  }[];
  untied: { error: string; reason: string; logLine: number }[];
}

type Source = { text: string } | { logFile: string };

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const toRange = (r: PlainRange) =>
  new Range(new Position(r.start.line, r.start.character), new Position(r.end.line, r.end.character));

export class Explainer implements CodeActionProvider {
  private readonly diagnostics = languages.createDiagnosticCollection('dtype-guard-explain');
  /** The fixes of each diagnostic shown, for the quick fixes (the diagnostics themselves are the key). */
  private readonly fixes = new WeakMap<Diagnostic, ExplainResult['explanations'][number]['fixes']>();

  constructor(
    private readonly client: LanguageClient,
    private readonly log: LogOutputChannel,
  ) {}

  register(): Disposable[] {
    const watcher = workspace.createFileSystemWatcher('**/*.py');
    const forget = (uri: Uri) => this.diagnostics.delete(uri);
    return [
      this.diagnostics,
      watcher,
      // An explained crash is about the text it was explained against: any change ends it.
      workspace.onDidChangeTextDocument((e) => e.contentChanges.length && forget(e.document.uri)),
      watcher.onDidChange(forget),
      watcher.onDidDelete(forget),
      languages.registerCodeActionsProvider({ scheme: 'file', language: 'python' }, this, {
        providedCodeActionKinds: [CodeActionKind.QuickFix],
      }),
    ];
  }

  /** The command: the selection when there is one, else the clipboard when it holds an error, else a picked log file. */
  async explainFromEditor(): Promise<void> {
    const editor = window.activeTextEditor;
    const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
    const clipboard = ERROR_LINE.test(selected) ? '' : await env.clipboard.readText();
    const text = ERROR_LINE.test(selected) ? selected : ERROR_LINE.test(clipboard) ? clipboard : undefined;
    if (text !== undefined) {
      await this.explain({ text });
      return;
    }
    const picked = await window.showOpenDialog({
      canSelectMany: false,
      openLabel: 'Explain',
      title: 'Dtype Guard: pick a log with a dtype error (or select or copy the traceback first)',
      filters: { Logs: ['log', 'txt', 'out', 'err'], 'All files': ['*'] },
    });
    if (picked?.[0]) await this.explain({ logFile: picked[0].fsPath });
  }

  /** Explains a traceback; the line of the error on `clickedLine` (else the first) is opened. */
  async explain(source: Source, clickedLine?: string): Promise<ExplainResult | undefined> {
    let result: ExplainResult;
    try {
      result = await this.client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_EXPLAIN, arguments: [source] });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`explain failed: ${message}`);
      void window.showErrorMessage(`Dtype Guard: could not explain the error (${message}).`);
      return undefined;
    }
    for (const u of result.untied) this.log.info(`not tied to a line (${u.reason}): ${u.error}`);
    if (!result.explanations.length) {
      const why = result.untied[0] ? `${result.untied[0].reason}: ${result.untied[0].error}` : 'no dtype-mismatch error found';
      void window.showWarningMessage(`Dtype Guard: nothing to explain (${why}).`);
      return result;
    }
    const byUri = new Map<string, Diagnostic[]>();
    for (const e of result.explanations) {
      const d = new Diagnostic(toRange(e.range), e.message, SEVERITY[e.severity]);
      d.source = 'Dtype Guard (explained crash)';
      d.code = { value: e.code, target: Uri.parse(e.url) };
      this.fixes.set(d, e.fixes);
      byUri.set(e.uri, [...(byUri.get(e.uri) ?? []), d]);
    }
    for (const [uri, list] of byUri) this.diagnostics.set(Uri.parse(uri), list);
    const first = result.explanations.find((e) => clickedLine?.includes(e.error)) ?? result.explanations[0]!;
    // The cursor at the call, not a selection over it, so that the squiggle shows.
    const at = toRange(first.range).start;
    const editor = await window.showTextDocument(Uri.parse(first.uri), { selection: new Range(at, at), preview: false });
    editor.revealRange(toRange(first.range));
    return result;
  }

  provideCodeActions(document: { uri: Uri }, _range: Range, context: { diagnostics: readonly Diagnostic[] }): CodeAction[] {
    const actions: CodeAction[] = [];
    for (const d of context.diagnostics) {
      for (const fix of this.fixes.get(d) ?? []) {
        const action = new CodeAction(
          `Dtype Guard (${String((d.code as { value: string }).value)}): ${fix.title}`,
          CodeActionKind.QuickFix,
        );
        const edit = new WorkspaceEdit();
        for (const e of fix.edits) edit.replace(document.uri, toRange(e.range), e.newText);
        action.edit = edit;
        action.diagnostics = [d];
        action.isPreferred = fix.preferred;
        actions.push(action);
      }
    }
    return actions;
  }
}
