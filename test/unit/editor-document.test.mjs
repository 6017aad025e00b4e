// An open document kept in pieces reads as the LSP library's text document does: after any sequence
// of changes (characters past a line's end, reversed ranges, inside a `\r\n`, lone `\r`s) the text,
// the line count and every offset ↔ position agree with vscode-languageserver-textdocument's. And
// an edit's analysis never joins the whole text (property-based, seeded).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { core } from '../helpers/core.mjs';

const base = readFileSync('test/fixtures/editor/two_heads.py', 'utf8');

const chunk = fc.constantFrom('', 'x', '\n', '\r\n', '\r', 'a\rb', '    y = F.conv2d(x, w, b)\n', 'def g():\n', '😀', '"""', '(');
const position = fc.record({ line: fc.integer({ min: -2, max: 60 }), character: fc.integer({ min: -2, max: 90 }) });

function agree(ours, theirs, probes) {
  assert.equal(ours.getText(), theirs.getText());
  assert.equal(ours.lineCount, theirs.lineCount);
  for (const p of probes) assert.deepEqual(ours.offsetAt(p), theirs.offsetAt(p), JSON.stringify(p));
  const length = theirs.getText().length;
  for (let offset = -1; offset <= length + 1; offset += 7) assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset));
  assert.deepEqual(ours.positionAt(length), theirs.positionAt(length));
  for (let i = 0; i + 1 < probes.length; i += 2) {
    const range = { start: probes[i], end: probes[i + 1] };
    assert.equal(ours.getText(range), theirs.getText(range), JSON.stringify(range));
  }
}

test('a document in pieces reads as the LSP text document after any changes', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(position, position, chunk), { minLength: 1, maxLength: 10 }),
      fc.array(position, { minLength: 2, maxLength: 12 }),
      (changes, probes) => {
        const source = new core.IncrementalSource(base);
        const ours = new core.EditorDocument('file:///a.py', 'python', 1, source);
        let theirs = TextDocument.create('file:///a.py', 'python', 1, base);
        try {
          for (const [i, [start, end, text]] of changes.entries()) {
            // An editor sends lines of the text (the LSP library's own line table goes wrong past
            // its last line), characters past a line's end alike; it never splits a surrogate pair.
            const onLine = (p) => ({ line: Math.abs(p.line) % theirs.lineCount, character: p.character });
            const range = { start: onLine(start), end: onLine(end) };
            const cut = (p) => /[\uDC00-\uDFFF]/.test(theirs.getText()[theirs.offsetAt(p)] ?? '');
            if (cut(range.start) || cut(range.end)) continue;
            const change = { range, text };
            core.applyChange(ours, change);
            theirs = TextDocument.update(theirs, [change], i + 2);
            if (i % 3 === 0) source.currentSyntax();
          }
          agree(ours, theirs, probes);
          // and the syntax tree is the one of the text the document now has
          const text = theirs.getText();
          assert.equal(source.currentSyntax().source.text, text.replace(/\r(?!\n)/g, '\n'));
        } finally {
          source.dispose();
        }
      },
    ),
    { numRuns: 200, seed: 20261204 },
  );
});

test('a whole-text change replaces the text', () => {
  const source = new core.IncrementalSource(base);
  const ours = new core.EditorDocument('file:///a.py', 'python', 1, source);
  core.applyChange(ours, { text: 'x = 1\r\ny = 2' });
  assert.equal(ours.getText(), 'x = 1\r\ny = 2');
  assert.deepEqual(ours.positionAt(9), { line: 1, character: 2 });
});

test('an edit and its analysis read the edited pieces, not the whole text', () => {
  const session = new core.AnalysisSession();
  const text = readFileSync('test/fixtures/editor/later_helper.py', 'utf8');
  const source = new core.IncrementalSource(text, session.parser);
  const document = new core.EditorDocument('file:///a.py', 'python', 1, source);
  try {
    const first = core.analyzeSyntax(source.currentSyntax(), { session });
    const line = text.split('\n').findIndex((l) => /^\s+\S/.test(l));
    core.applyChange(document, { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '    # note\n' });
    const root = source.currentSyntax();
    const after = core.analyzeSyntax(root, { session });
    assert.equal(root.source.joined, false);
    assert.equal(after.length, first.length);
    // asking for the text joins it, and it is the edited text
    assert.equal(document.getText(), text.split('\n').toSpliced(line, 0, '    # note').join('\n'));
  } finally {
    source.dispose();
  }
});
