/**
 * The workspace the config rules read through: open documents first (unsaved text counts), the disk
 * of the workspace folders and their Python environments otherwise. A changed Python file drops
 * the cached config resolutions and registry entries that read it.
 */
import { URI } from 'vscode-uri';
import { configEdited, diskWorkspace, findSitePackages, invalidateConfig, registryOf, type Workspace } from '../analysis/index';
import type { DocumentStore } from './documents';

export class ConfigWorkspace {
  private disk: Workspace | undefined;
  private diskFolders = '';
  readonly workspace: Workspace;

  constructor(
    private readonly documents: DocumentStore,
    private readonly folders: () => string[],
  ) {
    const disk = () => this.diskWorkspace();
    this.workspace = {
      // getters: the folders may change after the workspace object is handed out
      get roots() {
        return disk().roots;
      },
      get sitePackages() {
        return disk().sitePackages;
      },
      readFile: (file) => this.documents.get(URI.file(file).toString())?.source.text ?? disk().readFile(file),
      pythonFiles: () => disk().pythonFiles?.() ?? [],
    };
  }

  /** The workspace to analyse with; none without folders (the core then looks around each file). */
  current(): Workspace | undefined {
    return this.folders().length ? this.workspace : undefined;
  }

  private diskWorkspace(): Workspace {
    const folders = this.folders();
    if (!this.disk || this.diskFolders !== folders.join('\n')) {
      this.diskFolders = folders.join('\n');
      this.disk = diskWorkspace(folders, { sitePackages: findSitePackages(folders), memo: true });
    }
    return this.disk;
  }

  /**
   * A file changed: `edited` for an open document (its text is served from memory), otherwise on
   * disk (saved, created, deleted). Returns whether other configs had read it.
   */
  changed(uri: string, edited: boolean): boolean {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file' || !parsed.fsPath.endsWith('.py')) return false;
    registryOf(this.workspace).invalidate(parsed.fsPath);
    return (edited ? configEdited(parsed.fsPath) : invalidateConfig(parsed.fsPath)) > 0;
  }
}
