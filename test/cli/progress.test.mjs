// Progress goes to a terminal's stderr only: shown under a pseudo-terminal, never in machine formats or pipes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { POSITIVE, project, run } from '../helpers/cli.mjs';
import { built } from '../helpers/dist.mjs';

const hasScript = spawnSync('script', ['--version']).status === 0;

/** Runs the CLI under `script`, which gives it a pseudo-terminal for stdout and stderr. */
function runOnTty(args, cwd) {
  const command = [process.execPath, built('cli.js'), ...args].map((a) => `'${a}'`).join(' ');
  return spawnSync('script', ['-qec', command, '/dev/null'], { cwd, encoding: 'utf8' });
}

test('a terminal sees a progress counter that is cleared before the findings', { skip: !hasScript && 'needs script(1)' }, () => {
  const root = project({ 'a.py': POSITIVE, 'b.py': POSITIVE });
  const r = runOnTty(['check'], root);
  assert.equal(r.status, 1, r.stdout);
  assert.match(r.stdout, /\r\x1b\[Kchecking \d\/2 files/);
  assert.match(r.stdout, /\r\x1b\[Ka\.py:18:16: DG101/);
  const json = runOnTty(['check', '--format', 'json'], root);
  assert.doesNotMatch(json.stdout, /checking/);
});

test('no progress when stderr is not a terminal', () => {
  const root = project({ 'a.py': POSITIVE });
  const r = run(['check'], { cwd: root });
  assert.equal(r.stderr, '');
});
