// Incremental reparse: after any sequence of edits the kept syntax tree equals a fresh parse of the
// final text in pieces, and the whole text's tree when it parses cleanly, and its analysis equals a
// fresh analysis (property-based, seeded).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { core } from '../helpers/core.mjs';
import { syntaxShape as shape } from '../helpers/syntaxShape.mjs';

const base = readFileSync('test/fixtures/editor/two_heads.py', 'utf8');

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
  '\r',
  '\r\n',
  'a\rb',
);

test('edited trees match a fresh parse of the same text', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(40), chunk), { minLength: 1, maxLength: 12 }), (edits) => {
      const source = new core.IncrementalSource(base);
      let expected = base;
      try {
        source.currentSyntax(); // parse first, so that every edit below finds pieces to keep
        for (const [at, length, text] of edits) {
          const current = expected;
          const startOffset = at % (current.length + 1);
          const endOffset = Math.min(current.length, startOffset + length);
          // Never split a surrogate pair: editors do not either.
          if (/[\uDC00-\uDFFF]/.test(current[startOffset] ?? '') || /[\uDC00-\uDFFF]/.test(current[endOffset] ?? '')) continue;
          source.edit({
            startOffset,
            endOffset,
            text,
          });
          expected = current.slice(0, startOffset) + text + current.slice(endOffset);
          assert.equal(source.length, expected.length);
          if (text.length % 2) source.currentSyntax(); // reparse at some steps, not all
        }
        // The text kept in pieces is the edited text.
        assert.equal(source.text, expected);
        const kept = source.currentSyntax();
        // A fresh parse in pieces, always; the whole text's tree when it parses cleanly.
        assert.equal(shape(kept), shape(core.parseSyntax(source.text)));
        const normalized = source.text.replace(/\r(?!\n)/g, '\n');
        const whole = core.parse(normalized);
        try {
          // (Tree-sitter takes some texts Python rejects, e.g. a line ending in `.` continued at
          // column 0; the pieces keep the error there.)
          if (!whole.rootNode.hasError && !kept.hasError) assert.equal(shape(kept), shape(core.toSyntax(whole, normalized)));
        } finally {
          whole.delete();
        }
        assert.deepEqual(core.analyzeSyntax(kept), core.analyze(source.text));
      } finally {
        source.dispose();
      }
    }),
    { numRuns: 150, seed: 20261127 },
  );
});

test('replace parses the new text', () => {
  const source = new core.IncrementalSource(base);
  try {
    assert.equal(core.analyzeSyntax(source.currentSyntax()).length, 2);
    source.replace('x = 1\n');
    assert.equal(source.currentSyntax().text, 'x = 1\n');
  } finally {
    source.dispose();
  }
});

test('an edit of a text with \\r\\n line ends keeps the statements it did not touch', () => {
  const text = 'import torch\r\n\r\nclass A:\r\n    pass\r\n\r\nclass B:\r\n    pass\r\n';
  const source = new core.IncrementalSource(text);
  try {
    const [, a, b] = source.currentSyntax().namedChildren;
    const at = text.indexOf('pass', text.indexOf('class B'));
    source.edit({
      startOffset: at,
      endOffset: at,
      text: 'x = 1\r\n    ',
    });
    const [, a2, b2] = source.currentSyntax().namedChildren;
    assert.equal(a2, a, 'class A keeps its node');
    assert.notEqual(b2, b);
    assert.equal(b2.text, 'class B:\r\n    x = 1\r\n    pass');
    // a lone \r is a line break for the parser: the text is then parsed whole, and still right
    source.edit({ startOffset: 0, endOffset: 0, text: '#\r' });
    assert.equal(shape(source.currentSyntax()), shape(core.parseSyntax(source.text)));
  } finally {
    source.dispose();
  }
});

test("the module's own run is kept while the statements it executes and the functions it calls are the same", () => {
  const text = [
    'import torch',
    'import torch.nn as nn',
    '',
    '',
    'def scale(x):',
    '    return x * 2',
    '',
    '',
    'net = nn.Sequential(nn.Conv2d(3, 8, 3)).half()',
    'x = torch.randn(1, 3, 8, 8)',
    'y = net(scale(x))',
    '',
  ].join('\n');
  const session = new core.AnalysisSession();
  const source = new core.IncrementalSource(text, session.parser);
  const edit = (from, to, inserted) => {
    source.edit({
      startOffset: from,
      endOffset: to,
      text: inserted,
    });
    const counts = { ...session.entryCounts };
    const found = core.analyzeSyntax(source.currentSyntax(), { session });
    assert.deepEqual(found, core.analyze(source.text));
    return { found, run: session.entryCounts.run - counts.run, reused: session.entryCounts.reused - counts.reused };
  };
  try {
    assert.equal(core.analyzeSyntax(source.currentSyntax(), { session }).length, 1);
    // A function added above all of it: the module's run and scale's are kept, moved down.
    const top = source.text.indexOf('def scale');
    let step = edit(top, top, 'def other():\n    return 1\n\n\n');
    assert.equal(step.found.length, 1);
    assert.equal(step.run, 1, 'only the new function runs');
    assert.equal(step.reused, 2, "scale's and the module's");
    // An edit in a function nothing calls: the module's run is kept as it is.
    const one = source.text.indexOf('return 1') + 7;
    step = edit(one, one + 1, '2');
    assert.equal(step.found.length, 1);
    assert.equal(step.run, 1, 'only the edited function runs');
    assert.equal(step.reused, 2);
    // The helper it calls changed: the module runs again (and finds the same call).
    const times = source.text.indexOf('x * 2') + 4;
    step = edit(times, times + 1, '3');
    assert.equal(step.found.length, 1);
    assert.equal(step.run, 2, 'scale and the module run again');
    // A statement it executes changed: it runs again, and the input is half now.
    const made = source.text.indexOf('torch.randn(1, 3, 8, 8)') + 'torch.randn(1, 3, 8, 8)'.length;
    step = edit(made, made, '.half()');
    assert.equal(step.found.length, 0);
    assert.equal(step.run, 1);
  } finally {
    source.dispose();
  }
});
