/**
 * The workspace the config rules read through: open documents first (unsaved text counts), the disk
 * of the workspace folders and their Python environments otherwise. Changes to any Python file
 * drop the cached config resolutions and registry entries that read it.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import { DidChangeWatchedFilesNotification } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { diskWorkspace, findSitePackages, invalidateConfig, registryOf, type Workspace } from '../analysis/index';

export class ConfigWorkspace {
  private disk: Workspace | undefined;
  private folders: string[] = [];
  readonly workspace: Workspace;

  constructor(private readonly documents: TextDocuments<TextDocument>) {
    const disk = () => this.diskWorkspace();
    this.workspace = {
      // getters: the folders may change after the workspace object is handed out
      get roots() {
        return disk().roots;
      },
      get sitePackages() {
        return disk().sitePackages;
      },
      readFile: (file) => this.documents.get(URI.file(file).toString())?.getText() ?? disk().readFile(file),
      pythonFiles: () => disk().pythonFiles?.() ?? [],
    };
  }

  /** The workspace to analyse with; none without folders (the core then looks around each file). */
  current(): Workspace | undefined {
    return this.folders.length ? this.workspace : undefined;
  }

  setFolders(folders: string[]): void {
    this.folders = folders;
    this.disk = undefined;
  }

  private diskWorkspace(): Workspace {
    this.disk ??= diskWorkspace(this.folders, { sitePackages: findSitePackages(this.folders), memo: true });
    return this.disk;
  }

  /** A Python file changed (edited, saved, created, deleted): returns whether configs depended on it. */
  changed(file: string): boolean {
    registryOf(this.workspace).invalidate(file);
    return invalidateConfig(file) > 0;
  }

  /** Follows edits of open documents and, when the client can watch files, changes on disk. */
  register(connection: Connection, canWatch: boolean, onDependents: () => void): void {
    const onChange = (uri: string) => {
      const parsed = URI.parse(uri);
      if (parsed.scheme === 'file' && parsed.fsPath.endsWith('.py') && this.changed(parsed.fsPath)) onDependents();
    };
    this.documents.onDidChangeContent((e) => onChange(e.document.uri));
    this.documents.onDidClose((e) => onChange(e.document.uri));
    connection.onDidChangeWatchedFiles((params) => params.changes.forEach((c) => onChange(c.uri)));
    if (canWatch) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.py' }] });
    }
  }
}
