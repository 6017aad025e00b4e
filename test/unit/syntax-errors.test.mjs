// Syntax errors in the tree the rules walk: tree-sitter's ERROR nodes are kept (they once were taken
// for punctuation and dropped, hiding the error), and brokenParts names the function that holds one.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { core } from '../helpers/core.mjs';

const clean = readFileSync('test/fixtures/editor/two_modules.py', 'utf8');
const lines = clean.split('\n');
// RegHead.forward, above its `return F.conv2d(...)` (line 26): a half-typed call.
const broken = [...lines.slice(0, 25), '        y = torch.cat([x, ', ...lines.slice(25)].join('\n');

test('a clean file has no broken part', () => {
  assert.deepEqual(core.brokenParts(core.parseSyntax(clean)), []);
});

test('an unclosed bracket: the ERROR node is in the tree and marks its method as broken', () => {
  const root = core.parseSyntax(broken);
  assert.equal(root.hasError, true);
  const find = (node, type) => (node.type === type ? node : node.children.map((c) => find(c, type)).find(Boolean));
  const error = find(root, 'ERROR');
  assert.ok(error, 'the ERROR node is kept');
  assert.equal(error.startPosition.row, 25);
  assert.deepEqual(core.brokenParts(root), [{ name: 'RegHead.forward', startLine: 23, endLine: 26, errorLine: 25 }]);
});

test('the module that parses keeps its finding; the broken method is not analysed', () => {
  const findings = core.analyze(broken).map((f) => `${f.code}@${f.range.start.line + 1}`);
  assert.deepEqual(findings, ['DG101@15']);
});

test('an error outside any function is a part of its own', () => {
  const parts = core.brokenParts(core.parseSyntax(`${clean}\nx = (1,\n`));
  assert.equal(parts.length, 1);
  assert.equal(parts[0].name, undefined);
});
