// Parsing under limits, line breaks as editors count them, and positions past a line's end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { core } from '../helpers/core.mjs';

const fixture = readFileSync('test/fixtures/code/dg101_zeros_bias.py', 'utf8');

test('a parse over its step budget is cancelled with a ParseCancelledError', () => {
  const big = fixture.repeat(200);
  assert.throws(
    () => core.analyze(big, { limits: { maxSteps: 3 } }),
    (e) => e instanceof core.ParseCancelledError && e.reason === 'steps',
  );
  assert.equal(core.analyze(big, { limits: { maxSteps: 1000 + big.length } }).length, 200);
});

test('after a cancelled parse the next document gets its own tree, not the rest of the old one', () => {
  assert.throws(() => core.parse(fixture.repeat(200), { maxSteps: 3 }));
  const tree = core.parse('x = 1\n');
  try {
    assert.equal(tree.rootNode.toString(), '(module (expression_statement (assignment left: (identifier) right: (integer))))');
  } finally {
    tree.delete();
  }
});

test('a lone \\r ends a line for the parser as it does for editors and Python', () => {
  const cr = fixture.replace(/\n/g, '\r');
  const crlf = fixture.replace(/\n/g, '\r\n');
  const lines = (findings) => findings.map((f) => [f.range.start.line, f.range.start.character]);
  assert.deepEqual(lines(core.analyze(cr)), lines(core.analyze(fixture)));
  assert.deepEqual(lines(core.analyze(crlf)), lines(core.analyze(fixture)));
  const fixedCr = core.applyEdits(cr, core.analyze(cr)[0].fixes[0].edits);
  assert.equal(fixedCr.replace(/\r/g, '\n'), core.applyEdits(fixture, core.analyze(fixture)[0].fixes[0].edits));
});

test('positions past the end of a line or of the text are clamped, as LSP specifies', () => {
  const text = 'ab\r\ncd\nef';
  const at = (line, character) => core.offsetAt(core.lineStarts(text), text, { line, character });
  assert.equal(at(0, 99), 2, 'not into the line break');
  assert.equal(at(1, 99), 6);
  assert.equal(at(2, 1), 8);
  assert.equal(at(7, 0), text.length);
  assert.equal(
    core.applyEdits(text, [{ range: { start: { line: 0, character: 50 }, end: { line: 0, character: 60 } }, newText: '!' }]),
    'ab!\r\ncd\nef',
  );
});
