/** Which files Dtype Guard looks at: `dtypeGuard.exclude` globs (relative to the workspace folder), size limit. */
import path from 'node:path';
import picomatch from 'picomatch';
import type { Settings } from '../settingsSchema';

/** Folders skipped by every walk of the workspace (tools' caches, environments, dependencies). */
export const SKIP_DIRS = new Set(['.git', 'node_modules', '__pycache__', '.venv', 'venv', '.tox', '.mypy_cache', '.ruff_cache']);

export class FileFilter {
  private folders: string[] = [];

  setFolders(folders: string[]): void {
    // Longest first, so a nested folder wins over its parent.
    this.folders = [...folders].sort((a, b) => b.length - a.length);
  }

  workspaceFolders(): string[] {
    return [...this.folders];
  }

  /** The workspace folder holding a file, if any. */
  folderOf(file: string): string | undefined {
    return this.folders.find((folder) => file === folder || file.startsWith(folder + path.sep));
  }

  isExcluded(file: string, settings: Pick<Settings, 'exclude'>): boolean {
    if (!settings.exclude.length) return false;
    const base = this.folderOf(file) ?? path.dirname(file);
    const relative = path.relative(base, file).split(path.sep).join('/');
    return picomatch.isMatch(relative, settings.exclude, { dot: true });
  }
}
