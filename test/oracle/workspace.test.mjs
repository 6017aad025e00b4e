// Proves the labels of the workspace fixtures' modules with PyTorch: each module with a `# regime:`
// line is run by the oracle harness (CPU autocast with bfloat16 stands in for CUDA autocast) and
// must fail exactly at its `# expect:` line, or run clean when it has none. A module labelled safe
// under autocast that breaks under model.half() is run under both regimes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfigCases } from '../helpers/configFixtures.mjs';

const HARNESS = process.env.DTYPE_GUARD_ORACLE ?? path.resolve('test/oracle/harness.py');
const PYTHON = '/usr/bin/python3';
const STUBS = path.resolve('test/fixtures/oracle-stubs');
const skip = !existsSync(HARNESS) || !existsSync(PYTHON) ? 'the oracle harness or /usr/bin/python3 is not available' : false;

function run(file) {
  const out = execFileSync(PYTHON, [HARNESS, file], { env: { ...process.env, PYTHONPATH: STUBS }, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '');
}

const modules = loadConfigCases(path.resolve('test/fixtures/workspaces'))
  .flatMap((c) => c.files.map((f) => ({ ...f, case: c.name })))
  .filter((f) => /^# regime: /.test(f.text));

test('workspace modules behave under PyTorch as labelled', { skip }, () => {
  assert.ok(modules.length >= 4);
  for (const m of modules) {
    const result = run(m.file);
    const lines = m.expected.map((e) => Number(e.split('@')[1]));
    if (lines.length) {
      assert.equal(result.status, 'mismatch', `${m.case}/${m.rel}: ${JSON.stringify(result)}`);
      assert.ok(lines.includes(result.line), `${m.case}/${m.rel}: fails at ${result.line}, labelled ${lines}`);
    } else {
      assert.equal(result.status, 'ok', `${m.case}/${m.rel}: ${JSON.stringify(result)}`);
    }
  }
});

test('a half-only module runs clean under autocast (so it is no DG203 trigger)', { skip }, () => {
  const halfOnly = modules.filter((m) => m.text.startsWith('# regime: half'));
  assert.ok(halfOnly.length >= 1);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dg-oracle-'));
  try {
    for (const m of halfOnly) {
      const copy = path.join(dir, path.basename(m.file));
      writeFileSync(copy, readFileSync(m.file, 'utf8').replace(/^# regime: half/, '# regime: autocast'));
      assert.equal(run(copy).status, 'ok', `${m.case}/${m.rel} under autocast`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a guarded module runs clean under model.half() too', { skip }, () => {
  const guarded = modules.filter((m) => m.case === 'dg203_guarded');
  assert.equal(guarded.length, 1);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dg-oracle-'));
  try {
    const copy = path.join(dir, 'guarded.py');
    writeFileSync(copy, guarded[0].text.replace(/^# regime: autocast/, '# regime: half'));
    assert.equal(run(copy).status, 'ok');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
