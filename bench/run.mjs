// `npm run bench`: the CLI, the parse-only floor and ruff's wasm build on one corpus in one run, the
// prefilter's savings, editor latency on two files and server memory while editing; writes
// bench/results/latest.{json,md}.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { STDLIB, TORCH, ensureCorpus } from './corpus.mjs';
import { measureAll } from './measure.mjs';
import { report } from './report.mjs';
import { editorBench } from './editor.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const { roots, files } = ensureCorpus();
const list = path.join(mkdtempSync(path.join(tmpdir(), 'dg-bench-')), 'files.txt');
writeFileSync(list, files.join('\n') + '\n');
const lines = files.reduce((n, f) => n + readFileSync(f, 'latin1').split('\n').length - 1, 0);
process.stderr.write(`corpus: ${files.length} files, ${lines} lines; ${RUNS} rounds\n`);

const cli = ['dist/cli.js', 'check', '--exit-zero', '--format', 'json'];
const results = measureAll(
  {
    cli: [...cli, ...roots],
    cliOneThread: [...cli, '--jobs', '1', ...roots],
    parseOnly: ['bench/parse-only.mjs', list],
    ruff: ['bench/ruff-check.mjs', list],
  },
  RUNS,
);

// What the CLI saw: the same files as the others, how many it parsed, how many findings.
const verbose = spawnSync(
  process.execPath,
  ['dist/cli.js', 'check', '--exit-zero', '--verbose', '--quiet', ...roots].filter((a) => a !== '--quiet'),
  {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  },
);
const counts = /checked (\d+) files \((\d+) parsed/.exec(verbose.stderr);
const cliFiles = { checked: Number(counts?.[1]), parsed: Number(counts?.[2]), findings: JSON.parse(results.cli.stdout).length };
const ruffOut = JSON.parse(results.ruff.stdout);

process.stderr.write('prefilter savings...\n');
const prefilter = JSON.parse(
  spawnSync(process.execPath, ['bench/prefilter-savings.mjs', list], { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout,
);
const { latency, memory } = editorBench();
process.stderr.write('server memory with the corpus as a workspace...\n');
const workspaceRun = spawnSync(process.execPath, ['bench/workspace-memory.mjs', STDLIB, TORCH], {
  encoding: 'utf8',
  maxBuffer: 1 << 30,
});
if (workspaceRun.status !== 0) throw new Error(`workspace memory bench failed: ${workspaceRun.stderr}`);
const workspace = JSON.parse(workspaceRun.stdout);

const summary = {
  date: new Date().toISOString(),
  machine: {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model,
    node: process.version,
    loadavg: (await import('node:os')).loadavg(),
  },
  corpus: { files: files.length, lines, roots },
  runs: RUNS,
  cli: { ...strip(results.cli), ...cliFiles },
  cliOneThread: strip(results.cliOneThread),
  parseOnly: strip(results.parseOnly),
  ruff: { ...strip(results.ruff), ...ruffOut },
  prefilter,
  latency,
  memory,
  workspace,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify(summary, null, 2) + '\n');
writeFileSync('bench/results/latest.md', report(summary));
process.stdout.write(report(summary));

function strip({ wallMs, walls, peakRssMb }) {
  return { wallMs: Math.round(wallMs), walls, peakRssMb: Math.round(peakRssMb) };
}
