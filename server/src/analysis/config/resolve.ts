/** Where a `_base_` entry points: relative paths, `pkg::path` package references, lazy-import modules. */
import path from 'node:path';
import type { Workspace } from '../fileAccess';

export type BaseTarget =
  | { status: 'file'; file: string; text: string }
  | { status: 'missing'; file: string }
  | { status: 'unresolved-package'; pkg: string; tried: string[] };

/** Resolves one base reference of `fromFile`. Never throws; reads only through the workspace. */
export function resolveBase(ref: string, fromFile: string, workspace: Workspace, lazy: boolean): BaseTarget {
  const dir = path.dirname(fromFile);
  if (lazy) return resolveModule(ref, dir, workspace);
  const pkg = /^([A-Za-z_][\w-]*)::(.+)$/.exec(ref);
  if (pkg) return resolvePackage(pkg[1]!, pkg[2]!, workspace);
  const file = path.resolve(dir, ref);
  const text = workspace.readFile(file);
  return text === undefined ? { status: 'missing', file } : { status: 'file', file, text };
}

/** `mmdet::_base_/x.py`: the package's configs in the workspace or in a site-packages folder. */
function resolvePackage(pkg: string, rest: string, workspace: Workspace): BaseTarget {
  const tried: string[] = [];
  const candidates: string[] = [];
  for (const root of workspace.roots) {
    // a source checkout of the package: <root>/<pkg>/__init__.py next to <root>/configs/
    if (workspace.readFile(path.join(root, pkg, '__init__.py')) !== undefined) candidates.push(path.join(root, 'configs', rest));
    candidates.push(path.join(root, pkg, '.mim', 'configs', rest));
  }
  for (const site of workspace.sitePackages ?? []) candidates.push(path.join(site, pkg, '.mim', 'configs', rest));
  for (const file of candidates) {
    tried.push(file);
    const text = workspace.readFile(file);
    if (text !== undefined) return { status: 'file', file, text };
  }
  return { status: 'unresolved-package', pkg, tried };
}

/** `from .._base_.models.x import *` inside `with read_base():`. */
function resolveModule(module: string, dir: string, workspace: Workspace): BaseTarget {
  const dots = /^\.*/.exec(module)![0].length;
  const parts = module.slice(dots).split('.').filter(Boolean);
  if (dots > 0) {
    let base = dir;
    for (let i = 1; i < dots; i++) base = path.dirname(base);
    const file = path.join(base, ...parts) + '.py';
    const text = workspace.readFile(file) ?? workspace.readFile(path.join(base, ...parts, '__init__.py'));
    return text === undefined ? { status: 'missing', file } : { status: 'file', file, text };
  }
  const tried: string[] = [];
  for (const root of [...workspace.roots, ...(workspace.sitePackages ?? [])]) {
    const file = path.join(root, ...parts) + '.py';
    tried.push(file);
    const text = workspace.readFile(file);
    if (text !== undefined) return { status: 'file', file, text };
  }
  return { status: 'unresolved-package', pkg: parts[0] ?? module, tried };
}
