/**
 * Notebook documents (LSP notebook sync): the Python code cells of one notebook are analysed
 * together as one module, in cell order, and each finding is published on the cell it is in.
 * Quick fixes and fix-all work on cells like on files; fix-all edits every cell it fixes.
 */
import {
  NotebookCellKind,
  NotebookDocuments,
  type Connection,
  type NotebookDocument,
  type RemoteConsole,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { NotebookModule, nonOverlapping, parseSyntax, type CodeCell, type Finding, type Fix } from '../analysis/index';
import { analyzeText, PARSE_LIMITS } from './documentAnalysis';
import { toDiagnostic } from './diagnostics';
import { chooseFix } from './fixAll';
import type { FileFilter } from './fileFilter';
import type { FileSettings, SettingsStore } from './fileSettings';
import type { ServerWorkspace } from './workspaceFiles';

export interface NotebookAnalysis {
  notebook: NotebookDocument;
  module: NotebookModule;
  findings: Finding[];
  settings: FileSettings;
}

export class NotebookStore {
  readonly notebooks = new NotebookDocuments(TextDocument);
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The cells each notebook last had diagnostics published on, so that a removed cell is cleared. */
  private readonly published = new Map<string, string[]>();
  private debounceMs = 150;

  constructor(
    private readonly connection: Connection,
    private readonly settings: SettingsStore,
    private readonly filter: FileFilter,
    private readonly log: RemoteConsole,
    private readonly workspace?: ServerWorkspace,
  ) {}

  listen(): void {
    this.notebooks.onDidOpen((notebook) => this.schedule(notebook.uri, 0));
    this.notebooks.onDidChange(({ notebookDocument }) => this.schedule(notebookDocument.uri));
    this.notebooks.onDidClose((notebook) => {
      clearTimeout(this.timers.get(notebook.uri));
      this.timers.delete(notebook.uri);
      for (const uri of this.published.get(notebook.uri) ?? []) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      this.published.delete(notebook.uri);
    });
    this.notebooks.listen(this.connection);
  }

  /** The text of a notebook cell, or undefined when the URI is not a cell of an open notebook. */
  cellText(uri: string): string | undefined {
    const cell = this.notebooks.getNotebookCell(uri);
    return cell && this.notebooks.getCellTextDocument(cell)?.getText();
  }

  /** Settings or files changed: every open notebook is analysed again. */
  refresh(): void {
    for (const uri of this.timers.keys()) clearTimeout(this.timers.get(uri));
    for (const uri of this.published.keys()) this.schedule(uri, 0);
  }

  private schedule(uri: string, delay = this.debounceMs): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.publish(uri);
      }, delay),
    );
  }

  /** Analyses the notebook holding a cell (or the notebook itself) from its current cell texts. */
  async analyze(uri: string): Promise<NotebookAnalysis | undefined> {
    const notebook = this.notebooks.getNotebookDocument(uri) ?? this.notebooks.findNotebookDocumentForCell(uri);
    if (!notebook) return undefined;
    // Settings first: the cells are read after the wait, so the analysis sees their newest text.
    const settings = await this.settings.forUri(notebook.uri);
    this.debounceMs = settings.debounceMs;
    const cells: CodeCell[] = [];
    notebook.cells.forEach((cell, index) => {
      const document = this.notebooks.getCellTextDocument(cell);
      if (cell.kind === NotebookCellKind.Code && document?.languageId === 'python')
        cells.push({ index, source: document.getText() });
    });
    const module = new NotebookModule(cells);
    const parsed = URI.parse(notebook.uri);
    const file = parsed.scheme === 'file' ? parsed.fsPath : undefined;
    const session = this.workspace?.session;
    const syntaxOf = () => parseSyntax(module.text, PARSE_LIMITS, session?.parser);
    const findings = analyzeText({
      length: module.text.length,
      file,
      settings,
      filter: this.filter,
      log: this.log,
      syntaxOf,
      workspace: this.workspace?.get(settings.configGlobs),
      session,
    });
    return { notebook, module, findings, settings };
  }

  private async publish(uri: string): Promise<void> {
    const result = await this.analyze(uri);
    if (!result) return;
    const { notebook, module } = result;
    const byCell = new Map<string, ReturnType<typeof toDiagnostic>[]>(notebook.cells.map((cell) => [cell.document, []]));
    for (const finding of result.findings) {
      const at = module.toCell(finding.range);
      const cellUri = notebook.cells[at.cell]!.document;
      const inCell = {
        ...finding,
        range: at.range,
        message: module.relabelLines(finding.message),
        // A quick fix edits the cell of its diagnostic: a fix reaching into another cell is left to fix-all.
        fixes: finding.fixes.flatMap((fix) => cellFix(module, fix, at.cell)),
        related: finding.related?.filter((r) => r.file),
      };
      byCell.get(cellUri)?.push(toDiagnostic(inCell, cellUri));
    }
    for (const old of this.published.get(notebook.uri) ?? []) if (!byCell.has(old)) byCell.set(old, []);
    for (const [cellUri, diagnostics] of byCell) void this.connection.sendDiagnostics({ uri: cellUri, diagnostics });
    this.published.set(
      notebook.uri,
      notebook.cells.map((c) => c.document),
    );
  }

  /** Fix-all for the notebook holding a cell: one fix per finding, no overlaps, as edits of each cell. */
  async fixAllEdit(uri: string): Promise<WorkspaceEdit | undefined> {
    return (await this.fixAll(uri))?.edit;
  }

  /** The fix-all edit of the notebook holding `uri` and how many fixes it applies. */
  async fixAll(uri: string): Promise<{ edit: WorkspaceEdit; fixes: number } | undefined> {
    const result = await this.analyze(uri);
    if (!result) return undefined;
    const { notebook, module } = result;
    const chosen = result.findings.map((f) => chooseFix(f, result.settings.fixAll.unsafe)).filter((f): f is Fix => !!f);
    const changes: Record<string, TextEdit[]> = {};
    let fixes = 0;
    for (const fix of nonOverlapping(chosen, module.text)) {
      const edits = module.editsToCells(fix.edits);
      if (edits?.length) fixes++;
      for (const edit of edits ?? [])
        (changes[notebook.cells[edit.cell]!.document] ??= []).push({ range: edit.range, newText: edit.newText });
    }
    return fixes ? { edit: { changes }, fixes } : undefined;
  }
}

/** A fix as edits of one cell, or nothing when an edit lies outside it. */
function cellFix(module: NotebookModule, fix: Fix, cell: number): Fix[] {
  const edits = module.editsToCells(fix.edits);
  if (!edits || edits.some((e) => e.cell !== cell)) return [];
  return [{ ...fix, edits: edits.map((e) => ({ range: e.range, newText: e.newText })) }];
}
