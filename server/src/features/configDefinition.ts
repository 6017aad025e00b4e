/** Go to definition in config files: from `type='Name'` to the registered class, from a `_base_` entry to its file. */
import type { Connection, Location, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { configDefinitionAt, type Workspace } from '../analysis/index';

export function registerConfigDefinition(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  workspaceOf: () => Workspace | undefined,
): void {
  connection.onDefinition((params): Location | null => {
    const document = documents.get(params.textDocument.uri);
    const uri = URI.parse(params.textDocument.uri);
    if (!document || uri.scheme !== 'file') return null;
    const target = configDefinitionAt(document.getText(), params.position, { path: uri.fsPath, workspace: workspaceOf() });
    return target ? { uri: URI.file(target.file).toString(), range: target.range } : null;
  });
}
