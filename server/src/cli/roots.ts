/**
 * The folders a CLI run lets config resolution read: the project a file belongs to, never a parent
 * folder that merely happens to be named `configs`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { diskWorkspace, findSitePackages, type AnalysisSession, type Workspace } from '../analysis/index';

const isInside = (file: string, dir: string) => {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** Folder → its git checkout (null: none), so a run over thousands of files looks each folder up once. */
const gitRoots = new Map<string, string | null>();

/** The nearest folder at or above `dir` that holds `.git`, or null. */
function gitRootOf(dir: string): string | null {
  let root = gitRoots.get(dir);
  if (root === undefined) {
    const parent = path.dirname(dir);
    root = existsSync(path.join(dir, '.git')) ? dir : parent === dir ? null : gitRootOf(parent);
    gitRoots.set(dir, root);
  }
  return root;
}

/**
 * The project root of a file: the folder of its pyproject.toml with `[tool.dtype-guard]`, else the
 * working directory when the file is inside it, else its git checkout, else its own folder.
 */
export function workspaceRoots(file: string, projectRoot: string | undefined, cwd = process.cwd()): string[] {
  if (projectRoot) return [projectRoot];
  if (isInside(file, cwd)) return [cwd];
  return [gitRootOf(path.dirname(file)) ?? path.dirname(file)];
}

const workspaces = new Map<string, Workspace>();

/** One disk workspace per set of roots and globs, so reads are remembered across the files of a run. */
/** The disk workspace of these roots, its reads remembered until `session` is told a file changed. */
export function workspaceFor(roots: string[], configGlobs: string[], session: AnalysisSession): Workspace {
  const key = JSON.stringify([roots, configGlobs]);
  let workspace = workspaces.get(key);
  if (!workspace) {
    workspace = diskWorkspace(roots, { sitePackages: findSitePackages(roots), configGlobs, memo: session });
    workspaces.set(key, workspace);
  }
  return workspace;
}
