/**
 * Fix all: one fix per finding (the preferred one when allowed), safe fixes only unless
 * dtypeGuard.fixAll.unsafe, no two edits overlapping. Serves `source.fixAll.dtypeGuard` (for
 * editor.codeActionsOnSave) and the `dtype-guard.applyFixAll` command.
 */
import { CodeActionKind, type CodeAction, type Connection } from 'vscode-languageserver/node';
import { nonOverlapping, type Finding, type Fix } from '../analysis/index';
import type { Analyzer } from './documentAnalysis';
import type { DocumentStore } from './documents';
import type { NotebookStore } from './notebooks';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.dtypeGuard`;
/** The kind VS Code runs for a whole notebook (`notebook.codeActionsOnSave`). */
export const NOTEBOOK_FIX_ALL_KIND = `notebook.${FIX_ALL_KIND}`;
export const FIX_ALL_COMMAND = 'dtype-guard.applyFixAll';
/** The one name of fix-all: the command palette, the Source Action menu and the light bulb. */
export const FIX_ALL_TITLE = 'Dtype Guard: Fix all problems';

/** The fix fix-all applies for one finding, if any is allowed. */
export function chooseFix(finding: Finding, unsafe: boolean): Fix | undefined {
  const allowed = finding.fixes.filter((fix) => !fix.displayOnly && (fix.safe || unsafe));
  return allowed.find((fix) => fix.preferred) ?? allowed[0];
}

/** The fixes fix-all applies: every chosen fix that does not overlap an earlier one, in document order. */
export function fixAllFixes(findings: Finding[], text: string, unsafe: boolean): Fix[] {
  const chosen = findings.map((f) => chooseFix(f, unsafe)).filter((f): f is Fix => !!f);
  return nonOverlapping(chosen, text);
}

export class FixAll {
  constructor(
    private readonly connection: Connection,
    private readonly documents: DocumentStore,
    private readonly analyzer: Analyzer,
    private readonly notebooks?: NotebookStore,
  ) {}

  /** The fix-all action for a document or a notebook cell, or undefined when it would apply fewer than `atLeast` fixes. */
  async action(uri: string, kind = FIX_ALL_KIND, atLeast = 1): Promise<CodeAction | undefined> {
    if (!this.documents.get(uri)) {
      const all = await this.notebooks?.fixAll(uri);
      return all && all.fixes >= atLeast ? { title: FIX_ALL_TITLE, kind, edit: all.edit } : undefined;
    }
    const fixes = await this.fixesFor(uri);
    if (!fixes || fixes.length < atLeast) return undefined;
    return { title: FIX_ALL_TITLE, kind, edit: { changes: { [uri]: fixes.flatMap((fix) => fix.edits) } } };
  }

  /** Handles `dtype-guard.applyFixAll` with `{ uri, version }`: applies through workspace/applyEdit. */
  async execute(args: unknown): Promise<boolean> {
    const { uri, version } = (args ?? {}) as { uri?: string; version?: number };
    if (typeof uri !== 'string') return false;
    const open = this.documents.get(uri);
    if (!open && this.notebooks?.cellText(uri) !== undefined) {
      // A notebook cell: fix every cell of its notebook.
      const edit = await this.notebooks.fixAllEdit(uri);
      return !edit || (await this.connection.workspace.applyEdit({ label: FIX_ALL_TITLE, edit })).applied;
    }
    if (!open || (version !== undefined && open.document.version !== version)) return false; // the text moved on
    const edits = (await this.fixesFor(uri))?.flatMap((fix) => fix.edits);
    if (!edits?.length) return true;
    const result = await this.connection.workspace.applyEdit({
      label: FIX_ALL_TITLE,
      edit: { documentChanges: [{ textDocument: { uri, version: open.document.version }, edits }] },
    });
    return result.applied;
  }

  private async fixesFor(uri: string): Promise<Fix[] | undefined> {
    const result = await this.analyzer.now(uri);
    const open = this.documents.get(uri);
    if (!result || !open || open.document.version !== result.version) return undefined;
    return fixAllFixes(result.findings, open.document.getText(), result.settings.fixAll.unsafe);
  }
}
