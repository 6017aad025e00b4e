// The ecosystem comparison on made-up findings: each failure kind, what is only reported, exact
// line matching and the precision arithmetic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareRun, familyOf } from '../../scripts/ecosystem/compare.mjs';

const REPO = 'acme/vision';
const entry = (file, line, rule, verdict, extra = {}) => ({
  repo: REPO,
  file,
  line,
  rule,
  verdict,
  reason: 'read by hand',
  ...extra,
});
const finding = (file, line, rule, repo = REPO) => ({ repo, file, line, rule, message: `${rule} at ${file}:${line}` });
const where = (rows) => rows.map((r) => `${r.file}:${r.line} ${r.rule}`);

test('every finding triaged, true ones firing, false ones gone: the check passes', () => {
  const triage = [entry('heads/fpn.py', 10, 'DG101', 'tp'), entry('heads/fpn.py', 20, 'DG103', 'fp')];
  const result = compareRun(triage, [finding('heads/fpn.py', 10, 'DG101')]);
  assert.equal(result.ok, true);
  assert.deepEqual(where(result.falseFixed), ['heads/fpn.py:20 DG103']);
  assert.deepEqual(result.failures, { untriaged: [], falseStillFiring: [], trueLost: [] });
});

test('a finding nobody triaged fails the check and keeps its message', () => {
  const result = compareRun([], [finding('ops/nms.py', 7, 'DG102')]);
  assert.equal(result.ok, false);
  assert.deepEqual(where(result.failures.untriaged), ['ops/nms.py:7 DG102']);
  assert.equal(result.failures.untriaged[0].message, 'DG102 at ops/nms.py:7');
});

test('a false finding that still fires fails the check', () => {
  const result = compareRun([entry('ops/nms.py', 7, 'DG102', 'fp')], [finding('ops/nms.py', 7, 'DG102')]);
  assert.equal(result.ok, false);
  assert.deepEqual(where(result.failures.falseStillFiring), ['ops/nms.py:7 DG102']);
});

test('a false finding accepted as a limit is reported, not a failure, and still counts as false', () => {
  const triage = [entry('ops/nms.py', 7, 'DG102', 'fp', { limit: 'needs the caller in another file' })];
  const result = compareRun(triage, [finding('ops/nms.py', 7, 'DG102')]);
  assert.equal(result.ok, true);
  assert.deepEqual(where(result.limits), ['ops/nms.py:7 DG102']);
  assert.equal(result.tally.rules.DG102.fp, 1);
  assert.equal(result.tally.rules.DG102.limit, 1);
  assert.equal(result.tally.rules.DG102.precision, 0);
});

test('a true finding that no longer fires fails the check', () => {
  const result = compareRun([entry('ops/knn.py', 83, 'DG102', 'tp')], []);
  assert.equal(result.ok, false);
  assert.deepEqual(where(result.failures.trueLost), ['ops/knn.py:83 DG102']);
});

test('an unclear finding may fire or go away without failing the check', () => {
  const triage = [entry('a.py', 1, 'DG106', 'unclear'), entry('b.py', 2, 'DG106', 'unclear')];
  const result = compareRun(triage, [finding('a.py', 1, 'DG106')]);
  assert.equal(result.ok, true);
  assert.deepEqual(where(result.unclearGone), ['b.py:2 DG106']);
  assert.equal(result.tally.rules.DG106.unclear, 1);
  assert.equal(result.tally.rules.DG106.precision, null, 'unclear findings are not in tp + fp');
});

test('lines match exactly: one line off is a new finding and a lost one', () => {
  const triage = [entry('m.py', 10, 'DG101', 'tp')];
  for (const line of [9, 11]) {
    const result = compareRun(triage, [finding('m.py', line, 'DG101')]);
    assert.deepEqual(where(result.failures.untriaged), [`m.py:${line} DG101`]);
    assert.deepEqual(where(result.failures.trueLost), ['m.py:10 DG101']);
  }
  assert.equal(compareRun(triage, [finding('m.py', 10, 'DG101')]).ok, true);
});

test('repo, file and rule must match too', () => {
  const triage = [entry('m.py', 10, 'DG101', 'tp')];
  for (const other of [finding('m.py', 10, 'DG102'), finding('n.py', 10, 'DG101'), finding('m.py', 10, 'DG101', 'acme/other')]) {
    const result = compareRun(triage, [other]);
    assert.equal(result.failures.untriaged.length, 1);
    assert.equal(result.failures.trueLost.length, 1);
  }
});

test('two findings with the same repo, file, line and rule count once', () => {
  const result = compareRun([entry('m.py', 10, 'DG101', 'tp')], [finding('m.py', 10, 'DG101'), finding('m.py', 10, 'DG101')]);
  assert.equal(result.firing.length, 1);
  assert.equal(result.tally.rules.DG101.tp, 1);
});

test('precision is tp / (tp + fp) per rule, per family and per repository', () => {
  const triage = [
    entry('a.py', 1, 'DG101', 'tp'),
    entry('a.py', 2, 'DG101', 'tp'),
    entry('a.py', 3, 'DG101', 'fp', { limit: 'known' }),
    entry('a.py', 4, 'DG103', 'fp'),
    entry('a.py', 5, 'DG103', 'unclear'),
    entry('configs/x.py', 1, 'DG201', 'tp'),
    { ...entry('b.py', 1, 'DG101', 'fp'), repo: 'acme/other' },
  ];
  const findings = triage.map((e) => finding(e.file, e.line, e.rule, e.repo));
  findings.push(finding('a.py', 9, 'DG103'));
  const { tally } = compareRun(triage, findings, [REPO, 'acme/other', 'acme/empty']);
  assert.equal(tally.rules.DG101.precision, 2 / 4);
  assert.deepEqual({ ...tally.rules.DG103 }, { tp: 0, fp: 1, limit: 0, unclear: 1, untriaged: 1, precision: 0 });
  assert.equal(tally.families.code.tp, 2);
  assert.equal(tally.families.code.fp, 3);
  assert.equal(tally.families.code.precision, 2 / 5);
  assert.equal(tally.families.config.precision, 1);
  assert.equal(tally.repos[REPO].precision, 3 / 5);
  assert.equal(tally.repos['acme/other'].precision, 0);
  assert.equal(tally.repos['acme/empty'].precision, null, 'a repository without findings has a row, and no precision');
  assert.equal(tally.total.precision, 3 / 6);
});

test('a run with no findings and no triage passes, with empty tallies', () => {
  const result = compareRun([], [], [REPO]);
  assert.equal(result.ok, true);
  assert.equal(result.tally.families.code.precision, null);
  assert.equal(result.tally.families.config.precision, null);
  assert.equal(result.tally.total.tp, 0);
});

test('rule families: DG1xx is code, DG2xx is config', () => {
  assert.equal(familyOf('DG107'), 'code');
  assert.equal(familyOf('DG205'), 'config');
});
