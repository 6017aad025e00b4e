/** Capabilities and the wiring of the server's features; each feature lives in features/. */
import { TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { initParser } from './analysis/index';
import { registerCodeActions } from './features/codeActions';
import { registerDiagnostics } from './features/diagnostics';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let pullDiagnostics = false;

  connection.onInitialize(async (params): Promise<InitializeResult> => {
    await initParser();
    pullDiagnostics = !!params.capabilities.textDocument?.diagnostic;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        ...(pullDiagnostics ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'dtype-guard' },
    };
  });

  connection.onInitialized(() => {
    registerDiagnostics(connection, documents, { pull: pullDiagnostics });
    registerCodeActions(connection);
  });

  documents.listen(connection);
}
