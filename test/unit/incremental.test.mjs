// Incremental reparse: after any sequence of edits the analysis of the kept tree equals a fresh
// analysis of the final text, and error-free trees equal a fresh parse (property-based, seeded).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { core } from '../helpers/core.mjs';

const base = readFileSync('test/fixtures/editor/two_heads.py', 'utf8');

/** Line/character of an offset, as an editor would send it. */
function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Every node with its type and both ends (offsets and rows/columns): a tree's full shape. */
function shape(tree) {
  const out = [];
  const cursor = tree.walk();
  try {
    for (;;) {
      const n = cursor.currentNode;
      out.push(
        `${n.type}@${n.startIndex}-${n.endIndex}:${n.startPosition.row}.${n.startPosition.column}-${n.endPosition.row}.${n.endPosition.column}`,
      );
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return out.join('\n');
    }
  } finally {
    cursor.delete();
  }
}

const chunk = fc.constantFrom(
  '',
  'x',
  ' ',
  '\n',
  '(',
  ')',
  ', dtype=x.dtype',
  'bias',
  '# é ü 😀\n',
  '    y = F.conv2d(x, w, b)\n',
  '"""',
  ':',
  ')\n    z = (1,\n  2',
);

test('edited trees match a fresh parse of the same text', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(40), chunk), { minLength: 1, maxLength: 12 }), (edits) => {
      const source = new core.IncrementalSource(base);
      try {
        source.currentTree(); // keep a tree, so that every edit below is replayed on it
        for (const [at, length, text] of edits) {
          const current = source.text;
          const startOffset = at % (current.length + 1);
          const endOffset = Math.min(current.length, startOffset + length);
          // Never split a surrogate pair: editors do not either.
          if (/[\uDC00-\uDFFF]/.test(current[startOffset] ?? '') || /[\uDC00-\uDFFF]/.test(current[endOffset] ?? '')) continue;
          source.edit({
            startOffset,
            endOffset,
            start: positionAt(current, startOffset),
            end: positionAt(current, endOffset),
            text,
          });
          if (text.length % 2) source.currentTree(); // reparse at some steps, not all
        }
        const fresh = core.parse(source.text);
        try {
          // tree-sitter recovers from errors differently when it reuses an old tree, so the shapes
          // are compared only for error-free text; the findings must match in every case.
          const kept = source.currentTree();
          if (!kept.rootNode.hasError && !fresh.rootNode.hasError) assert.equal(shape(kept), shape(fresh));
          assert.deepEqual(core.analyzeTree(source.text, source.currentTree()), core.analyze(source.text));
        } finally {
          fresh.delete();
        }
      } finally {
        source.dispose();
      }
    }),
    { numRuns: 150, seed: 20261127 },
  );
});

test('replace drops the kept tree and parses the new text', () => {
  const source = new core.IncrementalSource(base);
  try {
    assert.equal(core.analyzeTree(source.text, source.currentTree()).length, 2);
    source.replace('x = 1\n');
    assert.equal(source.currentTree().rootNode.text, 'x = 1\n');
  } finally {
    source.dispose();
  }
});
