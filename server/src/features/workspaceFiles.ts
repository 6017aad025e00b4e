/**
 * The core's view of files other than the one analysed (config bases, registered modules): the
 * workspace folders on disk, with open documents answering by their unsaved text.
 */
import path from 'node:path';
import { URI } from 'vscode-uri';
import { AnalysisSession, diskWorkspace, findSitePackages, type Workspace } from '../analysis/index';
import type { DocumentStore } from './documents';
import type { FileFilter } from './fileFilter';

export class ServerWorkspace {
  private current: { key: string; workspace: Workspace } | undefined;
  /** The server's analysis session: its parser and caches, told of every change below. */
  readonly session = new AnalysisSession();

  constructor(
    private readonly documents: DocumentStore,
    private readonly filter: FileFilter,
  ) {}

  /** The workspace for these config globs; undefined without folders (the core then reads around the file). */
  get(configGlobs: string[]): Workspace | undefined {
    const roots = this.filter.workspaceFolders();
    if (!roots.length) return undefined;
    const key = JSON.stringify([roots, configGlobs]);
    if (this.current?.key !== key) this.current = { key, workspace: this.build(roots, configGlobs) };
    return this.current.workspace;
  }

  /**
   * A file changed, appeared or went away (`edited`: in an editor, whose text is read from memory):
   * the session forgets what it remembered of it. Returns whether other configs' results had read it.
   */
  fileChanged(file: string, edited = false): boolean {
    return this.session.fileChanged(file, { edited }) > 0;
  }

  private build(roots: string[], configGlobs: string[]): Workspace {
    const disk = diskWorkspace(roots, { sitePackages: findSitePackages(roots), configGlobs });
    return {
      ...disk,
      readFile: (file) => {
        const target = path.resolve(file);
        const open = this.documents.all().find((d) => {
          const uri = URI.parse(d.document.uri);
          return uri.scheme === 'file' && uri.fsPath === target;
        });
        return open ? open.document.getText() : disk.readFile(file);
      },
    };
  }
}
