/**
 * How the core reads files other than the one being analysed (config bases, registered modules):
 * an interface the caller provides, so the server can serve open documents and the CLI the disk.
 */
import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

export interface Workspace {
  /** Folders the analysis may read (workspace folders, the CLI's paths). */
  roots: string[];
  /** Python environments' site-packages folders where `pkg::path` bases may be found. */
  sitePackages?: string[];
  /** Extra glob patterns (picomatch, relative to a root) of config files. */
  configGlobs?: string[];
  /** The text of a file, or undefined when it is missing, unreadable or outside the allowed folders. */
  readFile(file: string): string | undefined;
  /** Every Python file under the roots (for the registry index); may be cached by the implementation. */
  pythonFiles?(): string[];
}

const MAX_BYTES = 2_000_000;
const SKIP_DIRS = new Set(['.git', 'node_modules', '__pycache__', '.venv', 'venv', '.tox', '.mypy_cache', 'dist', 'build']);

/** Whether `file` lies inside one of `folders` (after resolving both). */
export function isInside(file: string, folders: string[]): boolean {
  const resolved = path.resolve(file);
  return folders.some((folder) => {
    const rel = path.relative(path.resolve(folder), resolved);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  });
}

/** Reads a regular file only (never a device, FIFO or socket), within the size limit. */
export function readRegularFile(file: string): string | undefined {
  let fd: number | undefined;
  try {
    // stat first so that opening a FIFO (which would block) never happens
    if (!statSync(file).isFile()) return undefined;
    // non-blocking too: a FIFO swapped in between the stat and the open must not block either
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_BYTES) return undefined;
    return readFileSync(fd, 'utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface DiskOptions {
  sitePackages?: string[];
  configGlobs?: string[];
  /**
   * Remember what was read until this session is told a file changed (the analysis session of a
   * whole CLI run, or of a server that reports every change). Without it each read goes to the
   * disk, which sees unreported changes.
   */
  memo?: { readonly generation: number };
}

/** A workspace on disk: reads only inside the roots and site-packages, after resolving links. */
export function diskWorkspace(roots: string[], options: DiskOptions = {}): Workspace {
  const realRoots = roots.map((r) => safeRealpath(path.resolve(r)) ?? path.resolve(r));
  const sitePackages = (options.sitePackages ?? []).map((p) => safeRealpath(p) ?? p);
  const allowed = [...realRoots, ...sitePackages];
  let listed: string[] | undefined;
  const memo = new Map<string, string | undefined>();
  let memoGeneration = options.memo?.generation;
  return {
    roots: realRoots,
    sitePackages,
    configGlobs: options.configGlobs,
    readFile(file) {
      if (options.memo) {
        if (memoGeneration !== options.memo.generation) {
          memo.clear();
          memoGeneration = options.memo.generation;
        }
        if (memo.has(file)) return memo.get(file);
      }
      const real = safeRealpath(file);
      const text = real && isInside(real, allowed) ? readRegularFile(real) : undefined;
      if (options.memo) memo.set(file, text);
      return text;
    },
    pythonFiles() {
      listed ??= realRoots.flatMap((root) => listPython(root));
      return listed;
    },
  };
}

/** A workspace held in memory (tests, fix simulation): path → text. */
export function memoryWorkspace(files: Record<string, string>, roots: string[] = ['/']): Workspace {
  const map = new Map(Object.entries(files).map(([k, v]) => [path.resolve(k), v]));
  return {
    roots,
    readFile: (file) => map.get(path.resolve(file)),
    pythonFiles: () => [...map.keys()].filter((f) => f.endsWith('.py')),
  };
}

/** A workspace that answers one file from `text` and every other from `inner`. */
export function overlayWorkspace(inner: Workspace, file: string, text: string): Workspace {
  const target = path.resolve(file);
  return { ...inner, readFile: (f) => (path.resolve(f) === target ? text : inner.readFile(f)) };
}

function safeRealpath(file: string): string | undefined {
  try {
    // the native call is one system call; the JS one lstat()s every path component
    return realpathSync.native(file);
  } catch {
    return undefined;
  }
}

function listPython(root: string): string[] {
  const out: string[] = [];
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      // symlinked folders are not followed: they could leave the workspace or loop
      if (entry.isDirectory() && !SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) stack.push(full);
      else if (entry.isFile() && entry.name.endsWith('.py')) out.push(full);
    }
  }
  return out.sort();
}
