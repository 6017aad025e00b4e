/**
 * What the extension sends with `initialize`: each workspace folder's `dtypeGuard` section, so the
 * server can analyse the files already open without first asking for their settings.
 */
import { workspace } from 'vscode';

export interface InitialSettings {
  /** Each folder's section as workspace/configuration would answer it for a file of the folder. */
  folderSettings: { uri: string; settings: unknown }[];
}

export function initialSettings(): InitialSettings {
  return {
    folderSettings: (workspace.workspaceFolders ?? []).map((folder) => ({
      uri: folder.uri.toString(),
      // the same plain-JSON copy the language client makes when it answers workspace/configuration
      settings: JSON.parse(JSON.stringify(workspace.getConfiguration(undefined, folder.uri).get('dtypeGuard') ?? {})) as unknown,
    })),
  };
}
