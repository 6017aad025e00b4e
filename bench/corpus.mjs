// The benchmark corpus: the Python standard library, the PyTorch package (Debian's python3-torch,
// installed if missing) and a generated 20k-line model file, listed by the CLI itself.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateModelFile } from './generate.mjs';

export const STDLIB = '/usr/lib/python3.11';
export const TORCH = '/usr/lib/python3/dist-packages/torch';
export const BIG_FILE = path.join(tmpdir(), 'dtype-guard-bench', 'big_model.py');
export const BIG_FILE_LINES = 20_000;
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Installs python3-torch with apt when the PyTorch package is missing (the bench needs root for that). */
export function ensureCorpus() {
  if (!existsSync(STDLIB)) throw new Error(`${STDLIB} is missing: the bench expects Debian's python3.11`);
  if (!existsSync(TORCH)) {
    process.stderr.write('installing python3-torch with apt-get...\n');
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'python3-torch'], { stdio: 'inherit' });
  }
  mkdirSync(path.dirname(BIG_FILE), { recursive: true });
  writeFileSync(BIG_FILE, generateModelFile(BIG_FILE_LINES));
  const roots = [STDLIB, TORCH, BIG_FILE];
  return { roots, files: listPythonFiles(roots) };
}

/** The files the CLI checks under the roots (its own `--show-files`), so every contender sees the same ones. */
export function listPythonFiles(roots) {
  const listing = execFileSync(process.execPath, [CLI, 'check', '--show-files', ...roots], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  return listing
    .split('\n')
    .filter(Boolean)
    .map((file) => path.resolve(file));
}
