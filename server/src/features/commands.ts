/** workspace/executeCommand: apply fix-all to a document, open a rule's documentation, explain a crash (for every LSP client). */
import type { Connection } from 'vscode-languageserver/node';
import { SHOW_DOCUMENTATION_COMMAND } from './codeActions';
import { GENERATE_DTYPE_TEST_COMMAND, type DtypeTestCommand } from './dtypeTestActions';
import { EXPLAIN_COMMAND, type ExplainCommand } from './explain';
import { FIX_ALL_COMMAND, type FixAll } from './fixAll';

export const SERVER_COMMANDS = [FIX_ALL_COMMAND, SHOW_DOCUMENTATION_COMMAND, GENERATE_DTYPE_TEST_COMMAND, EXPLAIN_COMMAND];

export function registerCommands(
  connection: Connection,
  fixAll: FixAll,
  canShowDocument: boolean,
  dtypeTest: DtypeTestCommand,
  explain: ExplainCommand,
): void {
  connection.onExecuteCommand(async ({ command, arguments: args = [] }) => {
    if (command === FIX_ALL_COMMAND) return fixAll.execute(args[0]);
    if (command === GENERATE_DTYPE_TEST_COMMAND) return dtypeTest.execute(args[0]);
    if (command === EXPLAIN_COMMAND) return explain.execute(args[0]);
    if (command === SHOW_DOCUMENTATION_COMMAND && typeof args[0] === 'string') {
      const uri = args[0];
      // A client that can open it opens it; a user who declines the link is not told about it again.
      if (canShowDocument) return (await connection.window.showDocument({ uri, external: true })).success;
      connection.window.showInformationMessage(`Dtype Guard documentation: ${uri}`);
      return true;
    }
    return null;
  });
}
