// The JS syntax tree the rules walk: the same nodes, fields, offsets and positions as tree-sitter's
// own tree, whichever way it is read; and after an edit, unchanged statements keep their nodes and
// their analysis is reused, with findings equal to a fresh analysis.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { core } from '../helpers/core.mjs';

const dir = 'test/fixtures/code';
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.py'))
  .map((f) => ({ name: f, text: readFileSync(path.join(dir, f), 'utf8') }));

/** tree-sitter's view of every node, read through its public Node API. */
function wasmShape(node, field = null) {
  const s = node.startPosition;
  const e = node.endPosition;
  const children = [];
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    const name = node.fieldNameForChild(i);
    // punctuation and keywords that fill no field are left out of the syntax tree
    if (child.isNamed || name) children.push(wasmShape(child, name));
  }
  return `(${node.type}${node.isNamed ? '' : '!'}${field ? ':' + field : ''} ${node.startIndex}-${node.endIndex} ${s.row}.${s.column}-${e.row}.${e.column}${children.map((c) => ' ' + c).join('')})`;
}

function syntaxShape(node) {
  const s = node.startPosition;
  const e = node.endPosition;
  return `(${node.type}${node.isNamed ? '' : '!'}${node.field ? ':' + node.field : ''} ${node.startIndex}-${node.endIndex} ${s.row}.${s.column}-${e.row}.${e.column}${node.children.map((c) => ' ' + syntaxShape(c)).join('')})`;
}

test('the syntax tree has every named node and field of the wasm tree, with offsets and UTF-16 positions', () => {
  const texts = [...fixtures.map((f) => f.text), 'x = "日本語 😀"; y = f(x)\n', 'def f(:\n  return (\n', ''];
  for (const text of texts) {
    const tree = core.parse(text);
    try {
      assert.equal(syntaxShape(core.toSyntax(tree, text)), wasmShape(tree.rootNode), text.slice(0, 60));
    } finally {
      tree.delete();
    }
  }
});

test('reading the tree through the wasm exports gives the same tree as the public cursor API', () => {
  for (const { name, text } of fixtures) {
    const tree = core.parse(text);
    try {
      const direct = syntaxShape(core.toSyntax(tree, text));
      const viaApi = syntaxShape(core.toSyntax(tree, text, 'public'));
      assert.equal(direct, viaApi, name);
    } finally {
      tree.delete();
    }
  }
});

test('an edit inside one function re-runs that function only; the findings equal a fresh analysis', () => {
  const parts = fixtures.filter((f) => /expect: DG1/.test(f.text)).slice(0, 12);
  // Many classes and functions in one file: each fixture's text, one after another.
  const text = parts.map((f) => f.text.replace(/^# regime:.*\n/, '')).join('\n\n');
  const source = new core.IncrementalSource(text);
  try {
    const before = core.analyzeSyntax(source.currentSyntax());
    assert.ok(before.length >= 3, `the combined file has findings (${before.length})`);
    // A trailing space after one `def forward(...):` changes that statement's text, not its lines.
    const at = source.text.indexOf('\n', source.text.indexOf('def forward'));
    source.edit({ startOffset: at, endOffset: at, text: ' ' });
    const session = new core.AnalysisSession({ ownParser: false });
    const after = core.analyzeSyntax(source.currentSyntax(), { session });
    const { run, reused } = session.entryCounts;
    assert.ok(run >= 1 && run <= 3, `re-ran ${run} functions`);
    assert.ok(reused > 10, `reused ${reused} functions`);
    assert.deepEqual(after, core.analyze(source.text));
  } finally {
    source.dispose();
  }
});

test('a line added above moves the kept findings below it, messages and fixes included', () => {
  const parts = fixtures.filter((f) => /expect: DG1/.test(f.text)).slice(0, 12);
  const text = parts.map((f) => f.text.replace(/^# regime:.*\n/, '')).join('\n\n');
  const source = new core.IncrementalSource(text);
  try {
    const before = core.analyzeSyntax(source.currentSyntax());
    assert.ok(before.length > 0);
    // Two new lines after the first statement: everything below moves, nothing else changes.
    const at = source.text.indexOf('\n') + 1;
    source.edit({ startOffset: at, endOffset: at, text: '\n\n' });
    const session = new core.AnalysisSession({ ownParser: false });
    const after = core.analyzeSyntax(source.currentSyntax(), { session });
    assert.ok(session.entryCounts.run <= 1, 'the moved functions are not run again');
    assert.deepEqual(after, core.analyze(source.text));
    assert.deepEqual(
      after.map((f) => f.range.start.line),
      before.map((f) => f.range.start.line + 2),
    );
  } finally {
    source.dispose();
  }
});
