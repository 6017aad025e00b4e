// Runs a node program several times in fresh processes; reports the median wall time and peak RSS.
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

/** Runs `node <args>` `runs` times; returns median wall ms, median peak RSS MB, and the last stdout/stderr. */
export function measure(label, args, runs) {
  const walls = [];
  const rss = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    last = spawnSync(process.execPath, ['--require', hook, ...args], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env: { ...process.env, BENCH_RSS_FILE: rssFile },
    });
    walls.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (last.status !== 0 && last.status !== 1) throw new Error(`${label} failed (${last.status}): ${last.stderr.slice(0, 500)}`);
    rss.push(Number(readFileSync(rssFile, 'utf8')) / 1024);
  }
  process.stderr.write(`  ${label}: ${median(walls).toFixed(0)} ms, ${median(rss).toFixed(0)} MB\n`);
  return { label, wallMs: median(walls), walls, peakRssMb: median(rss), stdout: last.stdout, stderr: last.stderr };
}
