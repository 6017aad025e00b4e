// Random edits a person or a repository can make to Python source, as fast-check arbitraries.
import fc from 'fast-check';

/** Fragments that stress the parser and the rules: brackets, blocks, quotes, non-ASCII, breaks. */
export const TOKENS = [
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ':',
  ',',
  '.',
  '=',
  '\\',
  '#',
  '"',
  "'",
  '"""',
  "'''",
  'f"',
  'b"',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '    ',
  '  ',
  '\n    ',
  '\n\t',
  ' \t ',
  'def ',
  'class ',
  'return ',
  'if x:',
  'else:',
  'lambda: ',
  'async ',
  'await ',
  'with ',
  'for i in ',
  'torch.zeros(3)',
  'torch.ones(4, dtype=x.dtype)',
  'F.conv2d(x, w, b)',
  'F.conv2d(',
  'F.linear(x, w, bias=b)',
  'self.weight',
  'x.half()',
  'bias',
  'b = torch.zeros(3)',
  'def forward(self, x):\n',
  'import torch\n',
  'import torch.nn.functional as F\n',
  'from torch.nn import functional as F\n',
  '# noqa',
  '# noqa: DG101',
  '  # noqa: DG101, DG102',
  '# dtype-guard: noqa',
  '# expect: DG101',
  'é',
  'ñame = 1',
  '变量',
  'Δx',
  '"😀"',
  '😀',
  "'👍🏽 ok'",
  '\u00a0',
  '\u2028',
  '\ufeff',
  '\u200b',
  '\ud83d',
  '\udca9',
  '\0',
  '\x7f',
  'ﬁ',
];

/** One edit on a text, positions as fractions so one edit list fits texts of any length. */
const editArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('insert'),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      text: fc.constantFrom(...TOKENS),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('insert'),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      text: fc.string({ unit: 'binary', maxLength: 8 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('delete'),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      length: fc.integer({ min: 1, max: 40 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate'), at: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('indent'),
      line: fc.double({ min: 0, max: 1, noNaN: true }),
      with: fc.constantFrom('\t', '  ', ' \t', '\t    ', ''),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicateLine'), line: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('lineBreaks'), with: fc.constantFrom('\r\n', '\r', '\n') }) },
);

export const editsArb = (maxLength = 6) => fc.array(editArb, { minLength: 1, maxLength });

const index = (text, at) => Math.min(text.length, Math.floor(at * (text.length + 1)));

/** The replacement (string indexes) an edit makes on a text: { start, end, text }. */
export function replacementOf(text, edit) {
  switch (edit.kind) {
    case 'insert': {
      const at = index(text, edit.at);
      return { start: at, end: at, text: edit.text };
    }
    case 'delete': {
      const at = index(text, edit.at);
      return { start: at, end: Math.min(text.length, at + edit.length), text: '' };
    }
    case 'truncate':
      return { start: index(text, edit.at), end: text.length, text: '' };
    case 'indent':
    case 'duplicateLine': {
      const lines = text.split('\n');
      const n = Math.min(lines.length - 1, Math.floor(edit.line * lines.length));
      const start = lines.slice(0, n).reduce((sum, l) => sum + l.length + 1, 0);
      const line = lines[n];
      if (edit.kind === 'duplicateLine') return { start, end: start, text: line + '\n' };
      // Re-indent the line: each 4-space step becomes a tab, a mix or nothing (a dedent).
      const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
      const replaced = indent.includes('    ') ? indent.replace(/ {4}/g, edit.with) : edit.with + indent;
      return { start, end: start + indent.length, text: replaced };
    }
    case 'lineBreaks':
      return { start: 0, end: text.length, text: text.replace(/\r\n|\r|\n/g, edit.with) };
    default:
      throw new Error(`unknown edit ${edit.kind}`);
  }
}

export function applyReplacement(text, r) {
  return text.slice(0, r.start) + r.text + text.slice(r.end);
}

/** Applies edits in order and returns the final text. */
export function mutate(text, edits) {
  return edits.reduce((t, e) => applyReplacement(t, replacementOf(t, e)), text);
}
