// The text report of the ecosystem check: failures first with their reasons, then the tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareRun } from '../../scripts/ecosystem/compare.mjs';
import { formatReport } from '../../scripts/ecosystem/report.mjs';

const REPO = 'acme/vision';
const entry = (line, rule, verdict, reason) => ({ repo: REPO, file: 'ops/nms.py', line, rule, verdict, reason });
const finding = (line, rule) => ({ repo: REPO, file: 'ops/nms.py', line, rule, message: `message of line ${line}` });

test('failures list each finding with its reason or message, and the tables carry precision', () => {
  const triage = [entry(7, 'DG102', 'fp', 'the kernel wants float32'), entry(9, 'DG101', 'tp', 'a real crash')];
  const result = compareRun(triage, [finding(7, 'DG102'), finding(9, 'DG101'), finding(12, 'DG101')], [REPO]);
  const text = formatReport(result, { root: '/trees', repos: [REPO] });
  const lines = text.split('\n');
  assert.equal(lines[0], 'ecosystem: 1 repositories under /trees, 3 findings');
  assert.ok(lines.includes('FAIL findings nobody triaged (1)'));
  assert.ok(lines.includes('  vision/ops/nms.py:12 DG101  message of line 12'));
  assert.ok(lines.includes('FAIL triaged false, still reported (1)'));
  assert.ok(lines.includes('  vision/ops/nms.py:7 DG102  the kernel wants float32'));
  assert.ok(lines.includes('ok   triaged true, no longer reported (0)'));
  assert.match(text, /^ {2}DG101 +1 +0 +0 +0 +1 +1\.00$/m);
  assert.match(text, /^ {2}DG102 +0 +1 +0 +0 +0 +0\.00$/m);
  assert.match(text, /^ {2}config \(DG2xx\) +0 +0 +0 +0 +0 +n\/a$/m);
  assert.match(text, /^ {2}acme\/vision +1 +1 +0 +0 +1 +0\.50$/m);
  assert.equal(lines.at(-2), 'ecosystem: FAIL (1 untriaged, 1 false still reported, 0 true lost; 2 in all)');
});

test('a passing run ends with ok', () => {
  const result = compareRun([entry(9, 'DG101', 'tp', 'a real crash')], [finding(9, 'DG101')], [REPO]);
  assert.match(formatReport(result, { root: '/trees', repos: [REPO] }), /\necosystem: ok\n$/);
});
