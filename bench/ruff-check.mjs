// ruff's wasm build checking every file with ruff's default rules (E4, E7, E9, F), one file at a time.
// Usage: node bench/ruff-check.mjs FILELIST   (one path per line)
import { readFileSync } from 'node:fs';
import { PositionEncoding, Workspace } from '@astral-sh/ruff-wasm-nodejs';

const workspace = new Workspace({ lint: { select: ['E4', 'E7', 'E9', 'F'] } }, PositionEncoding.Utf16);
let checked = 0;
let diagnostics = 0;
let failed = 0;
for (const file of readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean)) {
  try {
    diagnostics += workspace.check(readFileSync(file, 'utf8')).length;
    checked++;
  } catch {
    failed++;
  }
}
process.stdout.write(JSON.stringify({ checked, diagnostics, failed }) + '\n');
