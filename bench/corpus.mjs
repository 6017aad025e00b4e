// The benchmark corpus: the Python standard library, the PyTorch package (Debian's python3-torch,
// installed if missing) and a generated 20k-line model file, listed by the CLI itself; and for the
// editor latency, a file of about as many lines of real module code.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateModelFile } from './generate.mjs';

export const STDLIB = '/usr/lib/python3.11';
export const TORCH = '/usr/lib/python3/dist-packages/torch';
export const BIG_FILE = path.join(tmpdir(), 'dtype-guard-bench', 'big_model.py');
export const BIG_FILE_LINES = 20_000;
/** About as long as BIG_FILE, made of real module code: PyTorch's `nn` modules, then standard library ones. */
export const REAL_FILE = path.join(tmpdir(), 'dtype-guard-bench', 'real_modules.py');
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Installs python3-torch with apt when the PyTorch package is missing (the bench needs root for that). */
export function ensureCorpus() {
  if (!existsSync(STDLIB)) throw new Error(`${STDLIB} is missing: the bench expects Debian's python3.11`);
  if (!existsSync(TORCH)) {
    process.stderr.write('installing python3-torch with apt-get...\n');
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'python3-torch'], { stdio: 'inherit' });
  }
  writeBigFile();
  const roots = [STDLIB, TORCH, BIG_FILE];
  return { roots, files: listPythonFiles(roots) };
}

/** Writes BIG_FILE, the generated model file. */
export function writeBigFile() {
  mkdirSync(path.dirname(BIG_FILE), { recursive: true });
  writeFileSync(BIG_FILE, generateModelFile(BIG_FILE_LINES));
  return BIG_FILE;
}

/**
 * Writes REAL_FILE: whole modules of torch/nn/modules and then of the standard library's top level,
 * each in name order, skipping those that would take the file past BIG_FILE_LINES lines.
 */
export function ensureRealModuleFile() {
  const modules = (dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.py'))
      .sort()
      .map((f) => path.join(dir, f));
  let text = '';
  let lines = 0;
  for (const file of [...modules(path.join(TORCH, 'nn', 'modules')), ...modules(STDLIB)]) {
    const module = `# ---- ${file}\n${readFileSync(file, 'utf8')}\n`;
    const count = module.split('\n').length - 1;
    if (lines + count > BIG_FILE_LINES) continue;
    text += module;
    lines += count;
  }
  mkdirSync(path.dirname(REAL_FILE), { recursive: true });
  writeFileSync(REAL_FILE, text);
  return REAL_FILE;
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
