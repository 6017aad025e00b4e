/**
 * The light-bulb menu, rebuilt from each diagnostic's data (no state kept), with ruff's titles: every
 * fix of the finding (preferred first), "Disable for this line", "Show documentation", then once
 * "Disable for this file" and "Fix all problems" (when the file has more than one fix); plus the
 * fix-all source action.
 */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { fileNoqaEdit, lineNoqaEdit, ruleDocUrl } from '../analysis/index';
import type { DiagnosticData } from './diagnostics';
import type { DocumentStore } from './documents';
import { editorActions } from './dtypeTestActions';
import { FIX_ALL_KIND, NOTEBOOK_FIX_ALL_KIND, type FixAll } from './fixAll';

export const SHOW_DOCUMENTATION_COMMAND = 'dtype-guard.showDocumentation';

/** Whether the client asked for (or allows) actions of `kind`. */
function wanted(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

function quickFixes(diagnostic: Diagnostic, uri: string, text: string | undefined): CodeAction[] {
  const data = diagnostic.data as DiagnosticData | undefined;
  if (diagnostic.source !== 'Dtype Guard' || !data?.code) return [];
  const { code } = data;
  const fixes = [...(data.fixes ?? [])].sort((a, b) => Number(b.preferred) - Number(a.preferred));
  const actions: CodeAction[] = fixes.map((fix) => ({
    title: `Dtype Guard (${code}): ${fix.title}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.preferred,
    edit: { changes: { [uri]: fix.edits } },
  }));
  if (text !== undefined) {
    const line = lineNoqaEdit(text, diagnostic.range.start.line, code);
    if (line) {
      actions.push({
        title: `Dtype Guard (${code}): Disable for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [uri]: [line] } },
      });
    }
  }
  actions.push({
    title: `Dtype Guard (${code}): Show documentation`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title: `Show documentation for ${code}`, command: SHOW_DOCUMENTATION_COMMAND, arguments: [ruleDocUrl(code)] },
  });
  return actions;
}

/** "Disable for this file": one action whatever the number of diagnostics under the cursor. */
function disableFile(diagnostics: Diagnostic[], uri: string, text: string): CodeAction {
  return {
    title: 'Dtype Guard: Disable for this file',
    kind: CodeActionKind.QuickFix,
    diagnostics,
    edit: { changes: { [uri]: [fileNoqaEdit(text)] } },
  };
}

/** `textOf` gives the text of an open document or notebook cell (for the noqa edits). */
export function registerCodeActions(
  connection: Connection,
  documents: DocumentStore,
  textOf: (uri: string) => string | undefined,
  fixAll: FixAll,
): void {
  connection.onCodeAction(async (params: CodeActionParams) => {
    const uri = params.textDocument.uri;
    const only = params.context.only;
    const actions: CodeAction[] = [];
    if (wanted(only, CodeActionKind.QuickFix)) {
      const text = textOf(uri);
      const ours = params.context.diagnostics.filter((d) => d.source === 'Dtype Guard' && (d.data as DiagnosticData)?.code);
      for (const diagnostic of ours) actions.push(...quickFixes(diagnostic, uri, text));
      if (ours.length && text !== undefined) actions.push(disableFile(ours, uri, text));
      // Fix all in the light bulb too, where it saves work: more than one fix in the file.
      if (ours.length) {
        const all = await fixAll.action(uri, CodeActionKind.QuickFix, 2);
        if (all) actions.push(all);
      }
    }
    // Generate a dtype test, log operand dtypes: read from the current syntax tree, never applied by fix-all.
    const open = documents.get(uri);
    if (open && (!only || wanted(only, CodeActionKind.QuickFix) || wanted(only, CodeActionKind.Refactor))) {
      try {
        const found = editorActions(uri, open.source.currentSyntax(), params.range, params.context.diagnostics);
        // After the fixes, before the suppressions and the documentation.
        const at = actions.findIndex((a) => / Disable /.test(a.title));
        actions.splice(at < 0 ? actions.length : at, 0, ...found.filter((a) => wanted(only, a.kind!)));
      } catch {
        // A text the parser gave up on (limits): these actions are simply not offered.
      }
    }
    // Fix-all only when asked for by kind (on save, the Source Action menu): it needs a fresh analysis.
    // In a notebook, both kinds fix every cell: the cells are one module.
    const kind = [FIX_ALL_KIND, NOTEBOOK_FIX_ALL_KIND].find((k) => only && wanted(only, k));
    if (kind) {
      const action = await fixAll.action(uri, kind);
      if (action) actions.push(action);
    }
    return actions;
  });
}
