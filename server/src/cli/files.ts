/** Finds the Python files a CLI run covers: given files as they are, folders walked for `*.py`. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const SKIP_DIRS = new Set(['.git', 'node_modules', '__pycache__', '.venv', 'venv', '.tox', '.mypy_cache']);

export function discoverFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    const stat = statSync(p);
    if (stat.isDirectory()) walk(p, files);
    else files.push(p);
  }
  return files;
}

function walk(dir: string, files: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(full, files);
    } else if (entry.name.endsWith('.py')) {
      // Links, FIFOs and devices named *.py are listed too: reading them says why they are skipped.
      files.push(full);
    }
  }
}

/** A path relative to the working directory with `/` separators, as every output format shows it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, path.resolve(file)) || path.basename(file);
  return rel.split(path.sep).join('/');
}
