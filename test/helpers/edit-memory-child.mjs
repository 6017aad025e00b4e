// Run by test/unit/edit-memory.test.mjs in a process of its own (node --expose-gc): edits a large
// module one function after another through an IncrementalSource, analysing each version with the
// kept state, and prints the live heap after the first analysis and after the last edit.
// Usage: node --expose-gc test/helpers/edit-memory-child.mjs EDITS
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { built, ROOT } from './dist.mjs';

const require = createRequire(import.meta.url);
/** @type {typeof import('../../server/src/analysis/core-bundle')} */
const core = require(built('core.js'));
await core.initParser();

const edits = Number(process.argv[2] ?? 60);
// Module code with findings in it: the code fixtures, three times over (about 650 kB).
const dir = path.join(ROOT, 'test/fixtures/code');
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.py'))
  .sort()
  .map((name) => readFileSync(path.join(dir, name), 'utf8'));
const text = [0, 1, 2].map(() => files.join('\n')).join('\n');

/** Bytes of the heap still alive after full collections. */
function liveHeap() {
  const gc = /** @type {() => void} */ (globalThis.gc);
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const session = new core.AnalysisSession();
const source = new core.IncrementalSource(text, session.parser);
core.analyzeSyntax(source.currentSyntax(), { session });
const before = liveHeap();
// A space typed at the end of a line inside a function body, at places spread over the file, so
// that each version's analysis re-runs a different function and keeps its result.
const targets = source.text
  .split('\n')
  .map((line, i) => (/^ {8}\S.*\)$/.test(line) ? i : -1))
  .filter((i) => i >= 0);
for (let k = 0; k < edits; k++) {
  const line = targets[Math.floor(((k + 0.5) * targets.length) / edits)];
  const current = source.text;
  let offset = 0;
  for (let n = 0; n <= line; n++) offset = current.indexOf('\n', offset) + 1;
  offset -= 1;
  source.edit({ startOffset: offset, endOffset: offset, text: ' ' });
  core.analyzeSyntax(source.currentSyntax(), { session });
}
const after = liveHeap();
process.stdout.write(JSON.stringify({ textLength: source.text.length, edits, targets: targets.length, before, after }) + '\n');
