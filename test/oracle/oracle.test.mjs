// Proves every code fixture's label with real PyTorch, then that each positive's preferred fix runs
// (whatever its applicability: the oracle proves the fix; safety is judged by the fix builders).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadFixtures } from '../helpers/fixtures.mjs';
import { built as bundled } from '../helpers/dist.mjs';

const PYTHON = process.env.DTYPE_GUARD_PYTHON ?? '/usr/bin/python3';
const HARNESS = path.resolve('test/oracle/harness.py');
const CLI = bundled('cli.js');
const RULES = ['DG101', 'DG102', 'DG103', 'DG104', 'DG105', 'DG106', 'DG107'];

const fixtures = loadFixtures();
const positives = fixtures.filter((f) => f.expected.length > 0);

/** Runs all files in one Python process (torch starts once); result per absolute path. */
function runHarness(files, flags = []) {
  const proc = spawnSync(PYTHON, [HARNESS, ...flags, ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
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

/** The mismatch is raised at a labelled line: the innermost fixture frame, or for DG107
 *  (labelled at the call that feeds the model) any fixture frame. */
function atLabel(run, lines) {
  if (run.status !== 'mismatch') return false;
  if (lines[run.line]) return true;
  return run.lines.some((n) => lines[n]?.every((code) => code === 'DG107'));
}

/** The analysis reports a call when any regime breaks it. A negative must run under every
 *  module regime; a positive must break at a label under its own regime, and wherever another
 *  regime breaks it, that must be at a label too. */
function confirms(result, fixture) {
  const runs = Object.values(result.regimes ?? { own: result });
  if (fixture.expected.length === 0) return runs.every((r) => r.status === 'ok');
  const lines = expectedLines(fixture);
  return atLabel(result, lines) && runs.every((r) => r.status === 'ok' || atLabel(r, lines));
}

describe('the fixture set', () => {
  test('every fixture names a known regime on line 1', () => {
    for (const f of fixtures) {
      assert.ok(['half', 'mmcv-fp16', 'autocast', 'script'].includes(f.regime ?? ''), `${f.name}: ${f.regime}`);
    }
  });
  test('every rule DG101-DG107 has fixtures both ways', () => {
    for (const rule of RULES) {
      const prefix = rule.toLowerCase() + '_';
      const family = fixtures.filter((f) => f.name.startsWith(prefix));
      assert.ok(
        family.some((f) => f.expected.some((e) => e.startsWith(rule))),
        `${rule} positive`,
      );
      assert.ok(
        family.some((f) => f.expected.length === 0),
        `${rule} negative`,
      );
    }
  });
});

describe('oracle: each label holds under real PyTorch', () => {
  let results;
  before(() => {
    results = runHarness(
      fixtures.map((f) => f.file),
      ['--all-regimes'],
    );
  });
  for (const fixture of fixtures) {
    test(`oracle: ${fixture.name}`, () => {
      const result = results.get(path.resolve(fixture.file));
      const want = fixture.expected.length ? `mismatch at ${fixture.expected.join(', ')}` : 'ok';
      assert.ok(confirms(result, fixture), `expected ${want}, got ${JSON.stringify(result)}`);
    });
  }
});

/** The CLI report lines about one file (the whole report when none mention it). */
function cliLines(output, name) {
  const mine = output.split('\n').filter((line) => line.includes(name));
  return mine.length ? mine.join('\n') : output;
}

describe('fix: each positive runs once its preferred fixes are applied', () => {
  const built = existsSync(CLI);
  let dir;
  let cliOutput = '';
  let results = new Map();
  before(() => {
    if (!built) return;
    dir = mkdtempSync(path.join(os.tmpdir(), 'dtype-guard-fix-'));
    const copies = positives.map((f) => {
      const copy = path.join(dir, f.name);
      copyFileSync(f.file, copy);
      return copy;
    });
    // One CLI run fixes every copy (node and the parser start once).
    const proc = spawnSync(process.execPath, [CLI, 'check', '--fix', '--unsafe-fixes', ...copies], { encoding: 'utf8' });
    cliOutput = `exit ${proc.status}\n${proc.stdout}${proc.stderr}`;
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
        `fixed copy still fails: ${JSON.stringify(result)}\ncli: ${cliLines(cliOutput, fixture.name)}`,
      );
    });
  }
});
