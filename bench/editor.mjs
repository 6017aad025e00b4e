// Where a user of the editor waits: edit → diagnostics against warmed ruff on two 20k-line files
// (generated, and real module code), each with the server's default debounce and with none, and the
// server's memory while editing. Run alone it writes bench/results/editor.{json,md} (npm run bench
// includes it). Needs a build (dist/).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { BIG_FILE, STDLIB, TORCH, ensureRealModuleFile, writeBigFile } from './corpus.mjs';
import { editorReport } from './report.mjs';

function run(args, env = {}) {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

export function editorBench() {
  const files = { generated: BIG_FILE, realModules: ensureRealModuleFile() };
  process.stderr.write('editor latency...\n');
  const latency = Object.fromEntries(
    Object.entries(files).map(([name, file]) => [
      name,
      {
        defaultDebounce: run(['bench/latency.mjs', file, STDLIB, TORCH]),
        noDebounce: run(['bench/latency.mjs', file, STDLIB, TORCH], { BENCH_DEBOUNCE_MS: '0' }),
      },
    ]),
  );
  process.stderr.write('server memory while editing...\n');
  const memory = run(['bench/memory.mjs', BIG_FILE]);
  return { latency, memory };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeBigFile();
  const summary = {
    date: new Date().toISOString(),
    machine: { cores: availableParallelism(), cpu: cpus()[0]?.model, node: process.version },
    ...editorBench(),
  };
  summary.machine.loadavg = loadavg();
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/editor.json', JSON.stringify(summary, null, 2) + '\n');
  const md = `# Editor benchmark (${summary.date})\n\nMachine: ${summary.machine.cores} cores (${summary.machine.cpu}), Node ${summary.machine.node}, load average at the end ${summary.machine.loadavg.map((x) => x.toFixed(1)).join(' ')}.\n\n${editorReport(summary)}`;
  writeFileSync('bench/results/editor.md', md);
  process.stdout.write(md);
}
