/** Starts the language server: node IPC for VS Code, `--stdio` for every other editor. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { useSmallHeap } from './features/smallHeap';
import { startServer } from './server';

useSmallHeap();

const connection = createConnection(ProposedFeatures.all);
startServer(connection);
// A bug in a handler must cost one answer, not every open editor its diagnostics: log and stay up.
process.on('unhandledRejection', (reason) => connection.console.error(`unexpected error: ${describe(reason)}`));
process.on('uncaughtException', (error) => connection.console.error(`unexpected error: ${describe(error)}`));
connection.listen();

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
