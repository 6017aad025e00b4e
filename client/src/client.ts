/** Builds the language client: the bundled server over node IPC, Python documents, file watchers, crash handling. */
import * as path from 'node:path';
import { window, workspace, type ExtensionContext, type LogOutputChannel, type TextDocument } from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { activeDocumentFirst } from './activeFirst';
import { SHOW_DOCUMENTATION, showDocumentation } from './documentation';
import { logFirstPulls } from './firstPull';
import { initialSettings } from './initialSettings';

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

/** The documents the selector below sends as text documents (notebook cells go with their notebook). */
function isSynced(document: TextDocument): boolean {
  return document.languageId === 'python' && (document.uri.scheme === 'file' || document.uri.scheme === 'untitled');
}

export function createClient(context: ExtensionContext, log: LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
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
      didOpen: activeDocumentFirst(isSynced),
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
