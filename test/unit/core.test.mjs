// The analysis core: positions in UTF-16 units, the preferred fix, suppression and options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { core } from '../helpers/core.mjs';

const read = (name) => readFileSync(`test/fixtures/code/${name}`, 'utf8');

test('a non-ASCII line before the call keeps UTF-16 columns', () => {
  const text = read('dg101_non_ascii_line.py');
  const [finding] = core.analyze(text);
  const lineText = text.split('\n')[finding.range.start.line];
  assert.equal(finding.range.start.character, lineText.indexOf('F.conv2d'));
  assert.equal(finding.range.end.character, lineText.indexOf('  # expect'));
  const [edit] = finding.fixes[0].edits;
  assert.equal(lineText.slice(edit.range.start.character, edit.range.end.character), 'b');
});

test('the preferred DG101 fix casts the bias to the input dtype, with the names in the call', () => {
  const text = read('dg101_zeros_bias.py');
  const [finding] = core.analyze(text);
  const preferred = finding.fixes.filter((f) => f.preferred);
  assert.equal(preferred.length, 1);
  const fixed = core.applyEdits(text, preferred[0].edits);
  assert.match(fixed, /F\.conv2d\(x, self\.weight, bias\.to\(x\.dtype\), padding=1\)/);
  assert.deepEqual(core.analyze(fixed), []);
});

test('# noqa suppresses by code, bare and for the whole file', () => {
  const text = read('dg101_zeros_bias.py');
  const line = 'return F.conv2d(x, self.weight, bias, padding=1)';
  assert.equal(core.analyze(text.replace(`${line}  # expect: DG101`, `${line}  # noqa: DG101`)).length, 0);
  assert.equal(core.analyze(text.replace(`${line}  # expect: DG101`, `${line}  # noqa`)).length, 0);
  assert.equal(core.analyze(text.replace(`${line}  # expect: DG101`, `${line}  # noqa: DG999`)).length, 1);
  assert.equal(core.analyze(`# dtype-guard: noqa\n${text}`).length, 0);
});

test('select, ignore and severity overrides', () => {
  const text = read('dg101_zeros_bias.py');
  assert.equal(core.analyze(text, { ignore: ['DG1'] }).length, 0);
  assert.equal(core.analyze(text, { select: ['DG2'] }).length, 0);
  assert.equal(core.analyze(text, { select: ['DG101'] }).length, 1);
  assert.equal(core.analyze(text, { severity: { DG101: 'off' } }).length, 0);
  assert.equal(core.analyze(text, { severity: { DG101: 'error' } })[0].severity, 'error');
});

test('a rule that throws loses only its own findings', () => {
  const rule = core.rules[0];
  const original = rule.check;
  const errors = [];
  rule.check = () => {
    throw new Error('boom');
  };
  try {
    assert.deepEqual(
      core.analyze(read('dg101_zeros_bias.py'), {
        onRuleError: (r, e) => errors.push([r.code, e instanceof Error ? e.message : String(e)]),
      }),
      [],
    );
    assert.deepEqual(errors, [[rule.code, 'boom']]);
  } finally {
    rule.check = original;
  }
});

test('half-typed code does not stop the analysis', () => {
  const text = read('dg101_zeros_bias.py') + '\ndef broken(:\n    return (\n';
  assert.equal(core.analyze(text).length, 1);
});

test('every rule is registered once, with a docs page', () => {
  const codes = core.rules.map((r) => r.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const code of codes) assert.ok(readFileSync(`docs/rules/${code}.md`, 'utf8').includes(code));
});

test('a severity override is stamped on a copy: the next analysis of the same tree has the default', () => {
  const src = [
    'import torch',
    'import torch.nn.functional as F',
    '',
    '',
    'def f(x, w):',
    '    return F.conv2d(x, w, torch.zeros(8))',
    '',
  ].join('\n');
  const root = core.parseSyntax(src);
  const overridden = core.analyzeSyntax(root, { severity: { DG101: 'error' } });
  assert.deepEqual(
    overridden.map((f) => `${f.code}:${f.severity}`),
    ['DG101:error'],
  );
  const plain = core.analyzeSyntax(root, {});
  assert.deepEqual(
    plain.map((f) => `${f.code}:${f.severity}`),
    ['DG101:warning'],
  );
});
