/** Quick fixes built from the fixes a diagnostic carries in its data (no state kept here). */
import { CodeActionKind, type CodeAction, type Connection } from 'vscode-languageserver/node';
import type { DiagnosticData } from './diagnostics';

export function registerCodeActions(connection: Connection): void {
  connection.onCodeAction((params) => {
    const actions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== 'Dtype Guard') continue;
      const data = diagnostic.data as DiagnosticData | undefined;
      for (const fix of data?.fixes ?? []) {
        actions.push({
          title: `Dtype Guard (${data!.code}): ${fix.title}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.preferred,
          edit: { changes: { [params.textDocument.uri]: fix.edits } },
        });
      }
    }
    return actions;
  });
}
