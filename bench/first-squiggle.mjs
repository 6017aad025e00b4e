// First squiggle in a real editor: runs only the e2e scenario "first squiggle" (code-server in headless
// Chromium, the extension from the repository; needs a build and test/e2e's dependencies) and reports
// the time from the editor showing a newly opened file to its DG101 diagnostic, for each file it opened.
// Usage: node bench/first-squiggle.mjs
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const timings = 'test/e2e/.work/timings.jsonl';
rmSync(timings, { force: true });
const run = spawnSync(process.execPath, ['test/e2e/run-tests.js'], {
  encoding: 'utf8',
  maxBuffer: 1 << 30,
  env: { ...process.env, DTYPE_GUARD_E2E_GREP: 'first squiggle' },
});
if (run.status !== 0) throw new Error(`the e2e scenario failed (${run.status}): ${(run.stdout + run.stderr).slice(-2000)}`);
const opened = readFileSync(timings, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));
process.stdout.write(JSON.stringify({ date: new Date().toISOString(), opened }) + '\n');
