/** The site-packages folders of the Python environments near a workspace (for `pkg::path` bases). */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** `<env>/lib/python3.X/site-packages` (POSIX) and `<env>/Lib/site-packages` (Windows) of each env. */
function sitePackagesOf(env: string): string[] {
  const out: string[] = [];
  const windows = path.join(env, 'Lib', 'site-packages');
  if (isDir(windows)) out.push(windows);
  const lib = path.join(env, 'lib');
  let names: string[] = [];
  try {
    names = readdirSync(lib);
  } catch {
    return out;
  }
  for (const name of names) {
    const candidate = path.join(lib, name, 'site-packages');
    if (/^python3/.test(name) && isDir(candidate)) out.push(candidate);
  }
  return out;
}

/** Environments found: `.venv`/`venv` in each root, and the active `VIRTUAL_ENV` / `CONDA_PREFIX`. */
export function findSitePackages(roots: string[], env: NodeJS.ProcessEnv = process.env): string[] {
  const envs = roots.flatMap((root) => ['.venv', 'venv'].map((name) => path.join(root, name)));
  for (const key of ['VIRTUAL_ENV', 'CONDA_PREFIX']) if (env[key]) envs.push(env[key]!);
  return [...new Set(envs.filter(isDir).flatMap(sitePackagesOf))];
}
