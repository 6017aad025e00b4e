/**
 * Fix all: one fix per finding (the preferred one when allowed), safe fixes only unless
 * dtypeGuard.fixAll.unsafe, no two edits overlapping. Serves `source.fixAll.dtypeGuard` (for
 * editor.codeActionsOnSave) and the `dtype-guard.applyFixAll` command.
 */
import { CodeActionKind, type CodeAction, type Connection, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import { nonOverlapping, type Finding, type Fix } from '../analysis/index';
import type { Analyzer } from './analysis';
import type { DocumentStore } from './documents';
import type { NotebookStore } from './notebooks';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.dtypeGuard`;
/** The kind VS Code runs for a whole notebook (`notebook.codeActionsOnSave`). */
export const NOTEBOOK_FIX_ALL_KIND = `notebook.${FIX_ALL_KIND}`;
export const FIX_ALL_COMMAND = 'dtype-guard.applyFixAll';

/** The fix fix-all applies for one finding, if any is allowed. */
export function chooseFix(finding: Finding, unsafe: boolean): Fix | undefined {
  const allowed = finding.fixes.filter((fix) => !fix.displayOnly && (fix.safe || unsafe));
  return allowed.find((fix) => fix.preferred) ?? allowed[0];
}

/** The edits of every chosen fix that does not overlap an earlier one, in document order. */
export function fixAllEdits(findings: Finding[], text: string, unsafe: boolean): TextEdit[] {
  const chosen = findings.map((f) => chooseFix(f, unsafe)).filter((f): f is Fix => !!f);
  return nonOverlapping(chosen, text).flatMap((fix) => fix.edits);
}

export class FixAll {
  constructor(
    private readonly connection: Connection,
    private readonly documents: DocumentStore,
    private readonly analyzer: Analyzer,
    private readonly notebooks?: NotebookStore,
  ) {}

  /** The source action for a document or a notebook cell, or undefined when nothing is fixable. */
  async action(uri: string, kind = FIX_ALL_KIND): Promise<CodeAction | undefined> {
    const edit = await this.editFor(uri);
    return edit && { title: 'Dtype Guard: Fix all auto-fixable problems', kind, edit };
  }

  private async editFor(uri: string): Promise<WorkspaceEdit | undefined> {
    if (!this.documents.get(uri)) return this.notebooks?.fixAllEdit(uri);
    const edits = await this.editsFor(uri);
    return edits?.length ? { changes: { [uri]: edits } } : undefined;
  }

  /** Handles `dtype-guard.applyFixAll` with `{ uri, version }`: applies through workspace/applyEdit. */
  async execute(args: unknown): Promise<boolean> {
    const { uri, version } = (args ?? {}) as { uri?: string; version?: number };
    if (typeof uri !== 'string') return false;
    const open = this.documents.get(uri);
    if (!open && this.notebooks?.cellText(uri) !== undefined) {
      // A notebook cell: fix every cell of its notebook.
      const edit = await this.notebooks.fixAllEdit(uri);
      return !edit || (await this.connection.workspace.applyEdit({ label: 'Dtype Guard: fix all', edit })).applied;
    }
    if (!open || (version !== undefined && open.document.version !== version)) return false; // the text moved on
    const edits = await this.editsFor(uri);
    if (!edits?.length) return true;
    const result = await this.connection.workspace.applyEdit({
      label: 'Dtype Guard: fix all',
      edit: { documentChanges: [{ textDocument: { uri, version: open.document.version }, edits }] },
    });
    return result.applied;
  }

  private async editsFor(uri: string): Promise<TextEdit[] | undefined> {
    const result = await this.analyzer.now(uri);
    const open = this.documents.get(uri);
    if (!result || !open || open.document.version !== result.version) return undefined;
    return fixAllEdits(result.findings, open.document.getText(), result.settings.fixAll.unsafe);
  }
}
