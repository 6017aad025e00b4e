// Runs node programs in fresh processes, interleaved round by round so that load on the machine
// hits every contender alike; reports the median wall time and peak RSS of each.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const hook = path.resolve('bench/rss-hook.cjs');
const rssFile = path.join(mkdtempSync(path.join(tmpdir(), 'dg-bench-')), 'rss');

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The nearest-rank percentile (`p` in 0..100) of a list of numbers. */
export const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
};

function runOnce(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', hook, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(0, 500)}`);
  return { wallMs, rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024, stdout: r.stdout, stderr: r.stderr };
}

/** contenders: { label: args }. Returns { label: { wallMs, walls, peakRssMb, stdout, stderr } } (medians). */
export function measureAll(contenders, runs) {
  const samples = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [label, args] of Object.entries(contenders)) {
      const s = runOnce(args);
      samples[label].push(s);
      process.stderr.write(`  round ${i + 1}/${runs} ${label}: ${s.wallMs.toFixed(0)} ms, ${s.rssMb.toFixed(0)} MB\n`);
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([label, list]) => [
      label,
      {
        wallMs: median(list.map((s) => s.wallMs)),
        walls: list.map((s) => Math.round(s.wallMs)),
        peakRssMb: median(list.map((s) => s.rssMb)),
        stdout: list.at(-1).stdout,
        stderr: list.at(-1).stderr,
      },
    ]),
  );
}
