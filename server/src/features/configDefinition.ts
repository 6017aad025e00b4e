/** Go to definition in config files: from `type='Name'` to the registered class, from a `_base_` entry to its file. */
import type { Connection, Location } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { configDefinitionAt, type Workspace } from '../analysis/index';
import type { DocumentStore } from './documents';

export function registerConfigDefinition(
  connection: Connection,
  documents: DocumentStore,
  workspaceOf: () => Workspace | undefined,
): void {
  connection.onDefinition((params): Location | null => {
    const open = documents.get(params.textDocument.uri);
    const uri = URI.parse(params.textDocument.uri);
    if (!open || uri.scheme !== 'file') return null;
    const target = configDefinitionAt(open.source.text, params.position, { path: uri.fsPath, workspace: workspaceOf() });
    return target ? { uri: URI.file(target.file).toString(), range: target.range } : null;
  });
}
