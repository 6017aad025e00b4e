/**
 * Fix all: one fix per finding (the preferred one when allowed), safe fixes only unless
 * dtypeGuard.fixAll.unsafe, no two edits overlapping. Serves `source.fixAll.dtypeGuard` (for
 * editor.codeActionsOnSave) and the `dtype-guard.applyFixAll` command.
 */
import { CodeActionKind, type CodeAction, type Connection, type TextEdit } from 'vscode-languageserver/node';
import { nonOverlapping, type Finding, type Fix } from '../analysis/index';
import type { Analyzer } from './analysis';
import type { DocumentStore } from './documents';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.dtypeGuard`;
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
  ) {}

  /** The source action for a document, or undefined when nothing is fixable. */
  async action(uri: string): Promise<CodeAction | undefined> {
    const edits = await this.editsFor(uri);
    if (!edits?.length) return undefined;
    return { title: 'Dtype Guard: Fix all auto-fixable problems', kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } };
  }

  /** Handles `dtype-guard.applyFixAll` with `{ uri, version }`: applies through workspace/applyEdit. */
  async execute(args: unknown): Promise<boolean> {
    const { uri, version } = (args ?? {}) as { uri?: string; version?: number };
    if (typeof uri !== 'string') return false;
    const open = this.documents.get(uri);
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
