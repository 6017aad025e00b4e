/** Finds the files a CLI run covers: named files as they are, folders walked for `*.py` and `*.ipynb`. */
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { GitignoreRules } from './gitignore';

/** Folders no project wants checked, skipped even without a .gitignore. */
const SKIP_DIRS = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.ruff_cache',
  // Jupyter's autosaved copies of the notebooks beside it
  '.ipynb_checkpoints',
]);

/** The files a folder walk picks up: Python modules and Jupyter notebooks. */
const isChecked = (name: string) => name.endsWith('.py') || name.endsWith('.ipynb');

export interface Discovery {
  /** Files to check, in a stable order (sorted walk), as paths the user can read. */
  files: string[];
  /** Entries that were passed over, with why (shown with --verbose). */
  notes: string[];
  /** Files and folders that exist but cannot be read, with why: each is reported as DG000 and the run goes on. */
  unreadable: { file: string; reason: string }[];
}

export interface DiscoverOptions {
  /** Whether a path is excluded by the `exclude` setting (the absolute path, and whether it is a folder). */
  isExcluded?: (absPath: string, isDir: boolean) => boolean;
  /** Told the number of files found so far, after each one (to start work before the walk ends). */
  onFile?: (count: number) => void;
}

export function discoverFiles(paths: string[], options: DiscoverOptions = {}): Discovery {
  const out: Discovery = { files: [], notes: [], unreadable: [] };
  const walker = new Walker(out, options);
  for (const p of paths) {
    lstatSync(p); // a path on the command line that does not exist is a usage error: let it throw
    const abs = path.resolve(p);
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      // A named link that leads nowhere (or to itself) is a named file that cannot be read: the check reports it.
    }
    if (isDir) walker.walk(p, abs);
    else if (options.isExcluded?.(abs, false)) out.notes.push(`${displayPath(p)}: excluded`);
    else walker.add(p);
  }
  return out;
}

class Walker {
  private readonly gitignore = new GitignoreRules();
  private readonly visited = new Set<string>();
  private readonly seen = new Set<string>();

  constructor(
    private readonly out: Discovery,
    private readonly options: DiscoverOptions,
  ) {}

  add(file: string): void {
    const key = path.resolve(file);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.out.files.push(file);
    this.options.onFile?.(this.out.files.length);
  }

  walk(dir: string, abs: string): void {
    // Each real folder is walked once: a symlink back to an ancestor (a loop) or a second link to it is skipped.
    let real: string;
    try {
      real = realpathSync(abs);
    } catch (error) {
      this.out.unreadable.push({ file: dir, reason: `cannot read (${reason(error)})` });
      return;
    }
    if (this.visited.has(real)) {
      this.out.notes.push(`${displayPath(dir)}: already visited (symlink loop or second link), skipped`);
      return;
    }
    this.visited.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      this.out.unreadable.push({ file: dir, reason: `cannot read the folder (${reason(error)})` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) this.visit(path.join(dir, entry.name), path.join(abs, entry.name), entry);
  }

  private visit(full: string, abs: string, entry: Dirent): void {
    let isDir = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      try {
        isDir = statSync(abs).isDirectory();
      } catch (error) {
        // Real repositories keep links to files that are not there (build outputs, another checkout):
        // nobody asked for them by name, so they are passed over, with a note for --verbose.
        if (this.gitignore.ignores(abs, false) || this.options.isExcluded?.(abs, false)) return;
        const why = reason(error) === 'ELOOP' ? 'a symbolic link loop' : 'a dangling symbolic link';
        this.out.notes.push(`${displayPath(full)}: skipped (${why})`);
        return;
      }
    }
    if (isDir) {
      if (SKIP_DIRS.has(entry.name)) return;
      if (this.gitignore.ignores(abs, true) || this.options.isExcluded?.(abs, true)) return;
      this.walk(full, abs);
    } else if (isChecked(entry.name)) {
      if (this.gitignore.ignores(abs, false)) return;
      if (this.options.isExcluded?.(abs, false)) return;
      this.add(full);
    }
  }
}

export function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code) return code;
  return error instanceof Error ? error.message : String(error);
}

/** A path relative to the working directory with `/` separators, as every output format shows it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, path.resolve(file)) || path.basename(file);
  return rel.split(path.sep).join('/');
}
