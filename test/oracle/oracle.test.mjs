// Proves every code fixture's label with real PyTorch, then that each positive's preferred fix runs.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadFixtures } from '../helpers/fixtures.mjs';

const PYTHON = process.env.DTYPE_GUARD_PYTHON ?? '/usr/bin/python3';
const HARNESS = path.resolve('test/oracle/harness.py');
const CLI = path.resolve('dist/cli.js');
const RULES = ['DG101', 'DG102', 'DG103', 'DG104', 'DG105', 'DG106', 'DG107'];

const fixtures = loadFixtures();
const positives = fixtures.filter((f) => f.expected.length > 0);

/** Runs all files in one Python process (torch starts once); result per absolute path. */
function runHarness(files) {
  const proc = spawnSync(PYTHON, [HARNESS, ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (proc.error) throw proc.error;
  const results = new Map();
  for (const line of proc.stdout.split('\n').filter(Boolean)) {
    const result = JSON.parse(line);
    results.set(path.resolve(result.file), result);
  }
  if (results.size !== files.length) {
    throw new Error(`harness answered for ${results.size} of ${files.length} files:\n${proc.stderr}`);
  }
  return results;
}

/** Expected lines with their codes: { 12: ['DG101'] }. */
function expectedLines(fixture) {
  const lines = {};
  for (const item of fixture.expected) {
    const [code, line] = item.split('@');
    (lines[line] ??= []).push(code);
  }
  return lines;
}

/** A positive is confirmed when the mismatch is raised at a labelled line: the innermost
 *  fixture frame, or for DG107 (labelled at the call that feeds the model) any fixture frame. */
function confirms(result, fixture) {
  const lines = expectedLines(fixture);
  if (fixture.expected.length === 0) return result.status === 'ok';
  if (result.status !== 'mismatch') return false;
  if (lines[result.line]) return true;
  return result.lines.some((n) => lines[n]?.every((code) => code === 'DG107'));
}

describe('the fixture set', () => {
  test('every fixture names a known regime on line 1', () => {
    for (const f of fixtures) {
      assert.ok(['half', 'mmcv-fp16', 'autocast', 'script'].includes(f.regime), `${f.name}: ${f.regime}`);
    }
  });
  test('every rule DG101-DG107 has fixtures both ways', () => {
    for (const rule of RULES) {
      const prefix = rule.toLowerCase() + '_';
      const family = fixtures.filter((f) => f.name.startsWith(prefix));
      assert.ok(family.some((f) => f.expected.some((e) => e.startsWith(rule))), `${rule} positive`);
      assert.ok(family.some((f) => f.expected.length === 0), `${rule} negative`);
    }
  });
});

describe('oracle: each label holds under real PyTorch', () => {
  let results;
  before(() => {
    results = runHarness(fixtures.map((f) => f.file));
  });
  for (const fixture of fixtures) {
    test(`oracle: ${fixture.name}`, () => {
      const result = results.get(path.resolve(fixture.file));
      const want = fixture.expected.length ? `mismatch at ${fixture.expected.join(', ')}` : 'ok';
      assert.ok(confirms(result, fixture), `expected ${want}, got ${JSON.stringify(result)}`);
    });
  }
});

describe('fix: each positive runs once its preferred fixes are applied', () => {
  const built = existsSync(CLI);
  let dir;
  const cliOutput = new Map();
  let results = new Map();
  before(() => {
    if (!built) return;
    dir = mkdtempSync(path.join(os.tmpdir(), 'dtype-guard-fix-'));
    const copies = positives.map((f) => {
      const copy = path.join(dir, f.name);
      copyFileSync(f.file, copy);
      const proc = spawnSync(process.execPath, [CLI, 'check', '--fix', copy], { encoding: 'utf8' });
      cliOutput.set(f.name, `exit ${proc.status}\n${proc.stdout}${proc.stderr}`);
      return copy;
    });
    results = runHarness(copies);
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  for (const fixture of positives) {
    test(`fix: ${fixture.name}`, (t) => {
      if (!built) return t.skip('dist/cli.js not built');
      const result = results.get(path.join(dir, fixture.name));
      assert.equal(
        result.status,
        'ok',
        `fixed copy still fails: ${JSON.stringify(result)}\ncli: ${cliOutput.get(fixture.name)}`,
      );
    });
  }
});
