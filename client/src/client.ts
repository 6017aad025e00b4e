/** Builds the language client: the bundled server over node IPC, Python documents, file watchers, crash handling. */
import * as readline from 'node:readline';
import { window, workspace, type ExtensionContext, type LogOutputChannel } from 'vscode';
import {
  CloseAction,
  ErrorAction,
  IPCMessageReader,
  IPCMessageWriter,
  LanguageClient,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SHOW_DOCUMENTATION, showDocumentation } from './documentation';
import { logFirstPulls } from './firstPull';
import { initialSettings } from './initialSettings';
import { serverProcess, type ServerProcess } from './serverProcess';

export const CLIENT_ID = 'dtypeGuard';
export const CLIENT_NAME = 'Dtype Guard';

/** Restarts after a crash (up to 4 times in 3 minutes, the library's policy) and tells the user each time. */
function crashHandler(getClient: () => LanguageClient | undefined, log: LogOutputChannel): ErrorHandler {
  let fallback: ErrorHandler | undefined;
  const policy = () => (fallback ??= getClient()!.createDefaultErrorHandler(4));
  return {
    // Writes to a server that died fail (EPIPE) until the client sees it close; shutting down on
    // the fourth such error, as the library's handler does, would stop the restart that closed()
    // below makes. How often to restart is decided there, once the connection has closed.
    error: (error) => {
      log.error(`connection error: ${error.message}`);
      return { action: ErrorAction.Continue, handled: true };
    },
    closed: async () => {
      const result = await policy().closed();
      const restarting = result.action === CloseAction.Restart;
      const text = restarting
        ? 'The Dtype Guard server stopped unexpectedly and was restarted.'
        : 'The Dtype Guard server stopped unexpectedly 5 times in 3 minutes and will not be restarted. Use "Dtype Guard: Restart server" once the cause is fixed.';
      log.error(text);
      void window.showWarningMessage(text, 'Show logs').then((choice) => choice && log.show());
      return { action: result.action, handled: true };
    },
  };
}

/** Requests that fail because the server is stopping (a window reload) are answered empty, not logged as failures. */
function whileRunning<T>(getClient: () => LanguageClient | undefined, request: () => Promise<T>, empty: T): Promise<T> {
  if (!getClient()?.isRunning()) return Promise.resolve(empty);
  return request().catch((error: unknown) => {
    if (!getClient()?.isRunning()) return empty;
    throw error;
  });
}

/** The server process of the last start. */
let current: ServerProcess | undefined;

/**
 * Stops a server process that outlived its client (the library does the same for servers it forks):
 * asked to exit, a server is gone within milliseconds.
 */
function stopLater(server: ServerProcess, ms = 2000): void {
  setTimeout(() => {
    if (server.exitCode === null && server.signalCode === null) server.kill();
  }, ms).unref();
}

/** The extension is deactivated: its server must not outlive it. */
export function stopServer(): void {
  if (current) stopLater(current, 0);
  current = undefined;
}

/** Each start takes a server process (the one forked as the extension loaded, the first time) and its output goes to the log. */
function startServer(log: LogOutputChannel): ServerOptions {
  return () => {
    if (current) stopLater(current);
    const server = (current = serverProcess());
    server.on('error', (error) => log.error(`server process: ${error.message}`));
    readline.createInterface({ input: server.stdout!, crlfDelay: Infinity }).on('line', (line) => log.info(line));
    readline.createInterface({ input: server.stderr!, crlfDelay: Infinity }).on('line', (line) => log.error(line));
    return Promise.resolve({ reader: new IPCMessageReader(server), writer: new IPCMessageWriter(server) });
  };
}

export function createClient(context: ExtensionContext, log: LogOutputChannel): LanguageClient {
  const serverOptions = startServer(log);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'python' },
      { scheme: 'untitled', language: 'python' },
      // Python cells of any notebook; the server reads a notebook's cells together, as one module.
      { notebook: '*', language: 'python' },
    ],
    synchronize: {
      // Cross-file results (configs and the modules they build) and pyproject.toml settings follow files on disk.
      fileEvents: [workspace.createFileSystemWatcher('**/*.py'), workspace.createFileSystemWatcher('**/pyproject.toml')],
    },
    outputChannel: log,
    traceOutputChannel: log,
    // Read when the client starts (and again at each restart): the server needs not ask for them first.
    initializationOptions: initialSettings,
    middleware: {
      provideDiagnostics: logFirstPulls(log),
      // "Show documentation" opens the page bundled with the extension, offline, in the editor.
      executeCommand: (command, args, next) =>
        command === SHOW_DOCUMENTATION ? showDocumentation(context, log, args[0]) : next(command, args),
      provideCodeActions: (document, range, codeActionContext, token, next) =>
        whileRunning(
          () => client,
          async () => next(document, range, codeActionContext, token),
          undefined,
        ),
      provideHover: (document, position, token, next) =>
        whileRunning(
          () => client,
          async () => next(document, position, token),
          undefined,
        ),
    },
  };
  const client: LanguageClient = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, {
    ...clientOptions,
    errorHandler: crashHandler(() => client, log),
  });
  return client;
}
