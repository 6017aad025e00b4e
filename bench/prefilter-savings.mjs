// What the text prefilter saves: analyse every file with and without it on one thread (same process).
// Usage: node bench/prefilter-savings.mjs FILELIST
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const core = createRequire(import.meta.url)('../dist/core.js');
await core.initParser();
// one session for the run, as the CLI's thread has
const session = new core.AnalysisSession();
const files = readFileSync(process.argv[2], 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((file) => ({ file, text: readFileSync(file, 'utf8') }));
// What the CLI decides for each file, knowing its path (config words count only in configs).
const passes = ({ file, text }) => core.mayHaveFindingsFor(text, { path: file });
const runs = Number(process.env.BENCH_RUNS ?? 3);

function pass(prefilter) {
  const start = process.hrtime.bigint();
  let findings = 0;
  for (const f of files) if (!prefilter || passes(f)) findings += core.analyze(f.text, { prefilter: false, session }).length;
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, findings };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
pass(true); // warm up the JIT and the wasm heap
const withFilter = [];
const without = [];
let found = {};
for (let i = 0; i < runs; i++) {
  const a = pass(true);
  const b = pass(false);
  withFilter.push(a.ms);
  without.push(b.ms);
  found = { with: a.findings, without: b.findings };
}
const kept = files.filter(passes).length;
process.stdout.write(
  JSON.stringify({
    files: files.length,
    parsedWithFilter: kept,
    msWithFilter: median(withFilter),
    msWithout: median(without),
    findings: found,
  }) + '\n',
);
