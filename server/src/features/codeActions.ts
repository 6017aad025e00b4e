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
import { FIX_ALL_KIND, type FixAll } from './fixAll';

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

export function registerCodeActions(connection: Connection, documents: DocumentStore, fixAll: FixAll): void {
  connection.onCodeAction(async (params: CodeActionParams) => {
    const uri = params.textDocument.uri;
    const only = params.context.only;
    const actions: CodeAction[] = [];
    if (wanted(only, CodeActionKind.QuickFix)) {
      const text = documents.get(uri)?.document.getText();
      const ours = params.context.diagnostics.filter((d) => d.source === 'Dtype Guard' && (d.data as DiagnosticData)?.code);
      for (const diagnostic of ours) actions.push(...quickFixes(diagnostic, uri, text));
      if (ours.length && text !== undefined) actions.push(disableFile(ours, uri, text));
      // Fix all in the light bulb too, where it saves work: more than one fix in the file.
      if (ours.length) {
        const all = await fixAll.action(uri, CodeActionKind.QuickFix, 2);
        if (all) actions.push(all);
      }
    }
    // Fix-all only when asked for by kind (on save, the Source Action menu): it needs a fresh analysis.
    if (only && wanted(only, FIX_ALL_KIND)) {
      const action = await fixAll.action(uri);
      if (action) actions.push(action);
    }
    return actions;
  });
}
