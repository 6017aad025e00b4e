// Edits to classes and their local bases: the analysis of the edited text, with every fact kept
// from the earlier versions, equals a fresh analysis of the final text (property-based, seeded).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { core } from '../helpers/core.mjs';

const base = readFileSync('test/fixtures/editor/local_bases.py', 'utf8');

/** Replaces `[startOffset, endOffset)` as an editor would, and analyses the result with the kept state. */
function edit(source, session, startOffset, endOffset, text) {
  source.edit({ startOffset, endOffset, text });
  return core.analyzeSyntax(source.currentSyntax(), { session });
}

/** Where `needle` is in the text, to edit it (`nth` for a later one). */
function at(text, needle, nth = 0) {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} is in the text`);
  return i;
}

test('a base class edited, renamed and restored: each analysis equals a fresh one', () => {
  const session = new core.AnalysisSession();
  const source = new core.IncrementalSource(base, session.parser);
  try {
    const first = core.analyzeSyntax(source.currentSyntax(), { session });
    assert.equal(first.length, 2, 'both heads read the float32 kernel of the shared base');
    // The kernel becomes a parameter: .half() converts it, so neither head breaks any more.
    const kernelAt = at(source.text, 'torch.ones(channels');
    let found = edit(source, session, kernelAt, kernelAt, 'nn.Parameter(');
    const close = at(source.text, '/ 9.0') + '/ 9.0'.length;
    found = edit(source, session, close, close, ')');
    assert.deepEqual(found, core.analyze(source.text));
    assert.equal(found.length, 0);
    // An edit in a subclass only: the bases' merged facts are the kept ones.
    const blur = at(source.text, 'x = self.edge(x)');
    found = edit(source, session, blur, blur, 'y = x\n        ');
    assert.deepEqual(found, core.analyze(source.text));
    // Back to a plain tensor: both findings come back.
    const param = at(source.text, 'nn.Parameter(');
    found = edit(source, session, param, param + 'nn.Parameter('.length, '');
    const extra = at(source.text, '9.0)');
    found = edit(source, session, extra + 3, extra + 4, '');
    assert.deepEqual(found, core.analyze(source.text));
    assert.equal(found.length, 2);
    // SharpenHead's base renamed to one the file does not define, then back.
    const sharpen = at(source.text, '(SmoothingBase)', 1) + 1;
    found = edit(source, session, sharpen, sharpen + 'SmoothingBase'.length, 'nn.Module');
    assert.deepEqual(found, core.analyze(source.text));
    assert.equal(found.length, 1);
    found = edit(source, session, sharpen, sharpen + 'nn.Module'.length, 'SmoothingBase');
    assert.deepEqual(found, core.analyze(source.text));
    assert.equal(found.length, 2);
    // Its base named after a class the file defines only later: its kept merge, which found no
    // class of that name, is not reused once the class is there, nor once it is gone again.
    found = edit(source, session, sharpen, sharpen + 'SmoothingBase'.length, 'LateBase');
    assert.deepEqual(found, core.analyze(source.text));
    assert.equal(found.length, 1);
    const late =
      '\n\nclass LateBase(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.kernel = torch.ones(4, 1, 3, 3)\n        self.channels = 4\n';
    const end = source.text.length;
    found = edit(source, session, end, end, late);
    assert.deepEqual(found, core.analyze(source.text));
    assert.equal(found.length, 2);
    found = edit(source, session, end, end + late.length, '');
    assert.deepEqual(found, core.analyze(source.text));
    assert.equal(found.length, 1);
  } finally {
    source.dispose();
    session.dispose?.();
  }
});

test('a helper defined after the class and edited later: the class reads what it now returns', () => {
  const session = new core.AnalysisSession();
  const source = new core.IncrementalSource(readFileSync('test/fixtures/editor/later_helper.py', 'utf8'), session.parser);
  try {
    const first = core.analyzeSyntax(source.currentSyntax(), { session });
    assert.equal(first.length, 0, 'a parameter kernel follows model.half()');
    // The helper's kernel becomes a plain tensor: .half() skips it, so the conv breaks (DG103).
    const wrap = at(source.text, 'nn.Parameter(');
    let found = edit(source, session, wrap, wrap + 'nn.Parameter('.length, '');
    const tail = at(source.text, ', requires_grad=False)');
    found = edit(source, session, tail, tail + ', requires_grad=False)'.length, '');
    assert.deepEqual(found, core.analyze(source.text));
    assert.deepEqual(
      found.map((f) => f.code),
      ['DG103'],
    );
    // The helper removed: nothing is known of the kernel, as in a fresh analysis.
    const def = at(source.text, 'def smoothing_kernel');
    found = edit(source, session, def, at(source.text, 'def make'), '');
    assert.deepEqual(found, core.analyze(source.text));
  } finally {
    source.dispose();
    session.dispose?.();
  }
});

const chunk = fc.constantFrom(
  '',
  'x',
  '\n',
  'nn.Parameter(',
  ')',
  'SmoothingBase',
  'EdgeAwareBase',
  'BlurHead',
  '(SharpenHead)',
  'self.kernel = torch.zeros(4, 1, 3, 3)\n        ',
  '\n\nclass SmoothingBase(nn.Module):\n    pass\n',
  '\n\nclass Twin(BlurHead, SharpenHead):\n    def forward(self, x):\n        return F.conv2d(x, self.kernel)\n',
  '\n\nclass Loop(Loop2):\n    pass\n\n\nclass Loop2(Loop):\n    pass\n',
);

test('any sequence of class edits analyses as the final text does afresh', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.nat(30), chunk), { minLength: 1, maxLength: 10 }), (edits) => {
      const session = new core.AnalysisSession();
      const source = new core.IncrementalSource(base, session.parser);
      try {
        core.analyzeSyntax(source.currentSyntax(), { session });
        for (const [pick, atLineStart, length, text] of edits) {
          const current = source.text;
          // Half the edits start a line, where whole statements and class headers begin.
          const starts = [0, ...[...current.matchAll(/\n/g)].map((m) => m.index + 1)];
          const startOffset = atLineStart ? starts[pick % starts.length] : pick % (current.length + 1);
          const endOffset = Math.min(current.length, startOffset + length);
          edit(source, session, startOffset, endOffset, text);
        }
        assert.deepEqual(core.analyzeSyntax(source.currentSyntax(), { session }), core.analyze(source.text));
      } finally {
        source.dispose();
        session.dispose?.();
      }
    }),
    { numRuns: 120, seed: 20261204 },
  );
});

test('line starts carried through edits equal those of the final text, until a \\r makes them anew', () => {
  const starts = (text) => [0, ...[...text.replace(/\r(?!\n)/g, '\n').matchAll(/\n/g)].map((m) => m.index + 1)];
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat(), fc.nat(12), fc.constantFrom('', 'x', '\n', '\n\n  y\n', 'é\n😀', '\r', '\r\n')), {
        minLength: 1,
        maxLength: 12,
      }),
      (edits) => {
        const source = new core.IncrementalSource(base);
        try {
          source.currentSyntax().startPosition; // positions read, so the line starts exist
          for (const [pick, length, text] of edits) {
            const current = source.text;
            const startOffset = pick % (current.length + 1);
            const endOffset = Math.min(current.length, startOffset + length);
            if (/[\uDC00-\uDFFF]/.test(current[startOffset] ?? '') || /[\uDC00-\uDFFF]/.test(current[endOffset] ?? '')) continue;
            source.edit({ startOffset, endOffset, text });
            if (text.length % 2) assert.deepEqual([...source.currentSyntax().source.lineStarts], starts(source.text));
          }
          assert.deepEqual([...source.currentSyntax().source.lineStarts], starts(source.text));
        } finally {
          source.dispose();
        }
      },
    ),
    { numRuns: 200, seed: 20261205 },
  );
});

test('a text is a config by its _base_ or read_base exactly as the pattern says', () => {
  const pattern = /^_base_\s*=|^with\s+read_base\s*\(/m;
  const piece = fc.constantFrom(
    '_base_ = [',
    'with read_base():',
    '_base_',
    'read_base',
    'base',
    '_',
    'read',
    ' = ',
    '=',
    '(',
    'with ',
    '\n',
    '\r',
    ' ',
    'x',
    '#',
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
      const text = pieces.join('');
      assert.equal(core.isConfigFile(undefined, text), pattern.test(text), JSON.stringify(text));
    }),
    { numRuns: 2000, seed: 20261206 },
  );
});

test('the # signs before a noqa on their line are those the look-ahead pattern finds', () => {
  const pattern = /#(?=[^\n]*noqa)/gi;
  const piece = fc.constantFrom(
    '#',
    'noqa',
    'NoQA',
    'nOqA',
    'no',
    'N',
    'qa',
    'Qa',
    'qA',
    '\n',
    '\r\n',
    ' ',
    'x',
    "'#'",
    ': DG101',
    '# noqa',
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
      const text = pieces.join('');
      const expected = [...text.matchAll(pattern)].map((m) => m.index);
      assert.deepEqual(core.internals.hashesBeforeNoqa(text), expected, JSON.stringify(text));
    }),
    { numRuns: 2000, seed: 20261207 },
  );
});
