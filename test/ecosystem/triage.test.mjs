// The triage file and the pinned repository list: their checks, and the project's own copies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { reposPath, triagePath } from '../../scripts/ecosystem/paths.mjs';
import { parseRepos } from '../../scripts/ecosystem/repos.mjs';
import { formatTriage, parseTriage } from '../../scripts/ecosystem/triage.mjs';

const SHA = 'a8073c74bf83d62ec36a103f835faa4837fb6585';
const good = {
  repo: 'acme/vision',
  file: 'ops/nms.py',
  line: 7,
  rule: 'DG102',
  verdict: 'fp',
  reason: 'the kernel wants float32',
};
const problemsOf = (entries) => parseTriage(JSON.stringify(entries), ['acme/vision']).problems;

test('the project triage file is valid, sorted, and formatted as formatTriage writes it', () => {
  const text = readFileSync(triagePath, 'utf8');
  const repos = parseRepos(readFileSync(reposPath, 'utf8'));
  assert.deepEqual(repos.problems, []);
  const known = repos.repos.map((r) => r.repo);
  const { entries, problems } = parseTriage(text, known);
  assert.deepEqual(problems, []);
  assert.ok(entries.length > 0);
  assert.equal(text, formatTriage(entries), 'run the entries through formatTriage (sorted, fields in order)');
});

test('a well-formed entry, with or without a limit, has no problems', () => {
  assert.deepEqual(problemsOf([good]), []);
  assert.deepEqual(problemsOf([{ ...good, limit: 'the caller is in another file' }]), []);
});

test('each malformed field is named', () => {
  /** @type {[object, RegExp][]} */
  const cases = [
    [{ ...good, repo: 'acme/other' }, /repo "acme\/other" is not in repos.txt/],
    [{ ...good, file: './ops/nms.py' }, /must be relative/],
    [{ ...good, line: 0 }, /1-based integer/],
    [{ ...good, line: '7' }, /1-based integer/],
    [{ ...good, rule: 'E501' }, /not a code such as DG101/],
    [{ ...good, verdict: 'maybe' }, /verdict "maybe"/],
    [{ ...good, reason: 'two\nlines' }, /reason must be one non-empty line/],
    [{ ...good, reason: ' ' }, /reason must be one non-empty line/],
    [{ ...good, verdict: 'tp', limit: 'x' }, /only a false finding/],
    [{ ...good, note: 'x' }, /unknown field "note"/],
    [{ ...good, reason: undefined }, /missing "reason"/],
  ];
  for (const [entry, pattern] of cases) {
    const problems = problemsOf([entry]);
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.match(problems[0], pattern);
    assert.match(problems[0], /^entry 0 /);
  }
});

test('duplicates and entries out of order are problems', () => {
  assert.match(problemsOf([good, good]).join('\n'), /the same finding as entry 0/);
  const later = { ...good, line: 9 };
  assert.deepEqual(problemsOf([good, later]), []);
  assert.match(problemsOf([later, good]).join('\n'), /entry 1 .*out of order/);
  const otherRule = { ...good, rule: 'DG101' };
  assert.match(problemsOf([good, otherRule]).join('\n'), /out of order/, 'on one line, rules are sorted too');
});

test('input that is not a list of entries gives one clear problem', () => {
  assert.match(parseTriage('{', []).problems[0], /not valid JSON/);
  assert.match(parseTriage('{"findings": []}', []).problems[0], /top level must be an array/);
  assert.match(parseTriage('[3]', []).problems[0], /is not an object/);
});

test('formatTriage sorts and orders fields', () => {
  const b = { reason: 'r', verdict: 'tp', rule: 'DG101', line: 2, file: 'a.py', repo: 'acme/vision' };
  const a = { ...b, line: 1 };
  const text = formatTriage([b, a]);
  const parsed = JSON.parse(text);
  assert.deepEqual(
    parsed.map((e) => e.line),
    [1, 2],
  );
  assert.deepEqual(Object.keys(parsed[0]), ['repo', 'file', 'line', 'rule', 'verdict', 'reason']);
  assert.ok(text.endsWith('}\n]\n'));
});

test('repos.txt: owner/name sha per line, comments and blank lines allowed', () => {
  const { repos, problems } = parseRepos(`# pinned\n\nopen-mmlab/mmcv ${SHA}\n`);
  assert.deepEqual(problems, []);
  assert.deepEqual(repos, [{ repo: 'open-mmlab/mmcv', name: 'mmcv', sha: SHA }]);
  assert.match(parseRepos('open-mmlab/mmcv main\n').problems[0], /line 1: expected "owner\/name <40-hex sha>"/);
  assert.match(parseRepos(`a/mmcv ${SHA}\nb/mmcv ${SHA}\n`).problems[0], /line 2: a second repository named "mmcv"/);
  assert.match(parseRepos('# nothing\n').problems[0], /no repositories/);
});
