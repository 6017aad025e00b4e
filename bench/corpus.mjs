// The benchmark corpus: the Python standard library, the PyTorch package (Debian's python3-torch,
// installed if missing) and a generated 20k-line model file. Lists files the way the CLI walks.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateModelFile } from './generate.mjs';

export const STDLIB = '/usr/lib/python3.11';
export const TORCH = '/usr/lib/python3/dist-packages/torch';
export const BIG_FILE = path.join(tmpdir(), 'dtype-guard-bench', 'big_model.py');
export const BIG_FILE_LINES = 20_000;

/** Installs python3-torch with apt when the PyTorch package is missing (the bench needs root for that). */
export function ensureCorpus() {
  if (!existsSync(STDLIB)) throw new Error(`${STDLIB} is missing: the bench expects Debian's python3.11`);
  if (!existsSync(TORCH)) {
    process.stderr.write('installing python3-torch with apt-get...\n');
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'python3-torch'], { stdio: 'inherit' });
  }
  mkdirSync(path.dirname(BIG_FILE), { recursive: true });
  writeFileSync(BIG_FILE, generateModelFile(BIG_FILE_LINES));
  return { roots: [STDLIB, TORCH, BIG_FILE], files: listPythonFiles([STDLIB, TORCH]).concat(BIG_FILE) };
}

// The folders the CLI never enters (server/src/cli/files.ts), so both sides see the same files.
const SKIP = new Set([
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
]);

/** Every `*.py` regular file under the roots, following folder links once (as the CLI does). */
export function listPythonFiles(roots) {
  const files = [];
  const seen = new Set();
  const walk = (dir) => {
    let real;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      let stat;
      try {
        stat = statSync(full);
      } catch {
        continue;
      }
      if (stat.isDirectory()) {
        if (!SKIP.has(entry.name)) walk(full);
      } else if (stat.isFile() && entry.name.endsWith('.py')) files.push(full);
    }
  };
  for (const root of roots) walk(root);
  return files;
}
