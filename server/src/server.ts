/** Capabilities and the wiring of the server's features; each feature lives in features/. */
import {
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { initParser } from './analysis/index';
import { registerCodeActions } from './features/codeActions';
import { registerConfigDefinition } from './features/configDefinition';
import { registerConfigHover } from './features/configHover';
import { ConfigWorkspace } from './features/configWorkspace';
import { registerDiagnostics } from './features/diagnostics';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let pullDiagnostics = false;
  const configs = new ConfigWorkspace(documents);
  let capabilities: InitializeParams['capabilities'] = {};

  connection.onInitialize(async (params): Promise<InitializeResult> => {
    await initParser();
    pullDiagnostics = !!params.capabilities.textDocument?.diagnostic;
    capabilities = params.capabilities;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    configs.setFolders(
      folders
        .map((u) => URI.parse(u))
        .filter((u) => u.scheme === 'file')
        .map((u) => u.fsPath),
    );
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        hoverProvider: true,
        definitionProvider: true,
        // a config's findings depend on its _base_ files and on the modules its model builds
        ...(pullDiagnostics ? { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'dtype-guard' },
    };
  });

  connection.onInitialized(() => {
    const refreshSupport = !!capabilities.workspace?.diagnostics?.refreshSupport;
    const refresh = registerDiagnostics(connection, documents, { pull: pullDiagnostics, refreshSupport }, () =>
      configs.current(),
    );
    registerCodeActions(connection);
    registerConfigHover(connection, documents, () => configs.current());
    registerConfigDefinition(connection, documents, () => configs.current());
    configs.register(connection, !!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration, refresh);
  });

  documents.listen(connection);
}
