// The pieces of `explain`: the PyTorch wordings, dtype names, the bounded line reader, the traceback
// reader, path matching, and the dtype model's read-only view of a line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { core } from '../helpers/core.mjs';

const { explain } = core;

// Each as PyTorch prints it: torch 1.13 CPU provoked here (test/oracle's python3), CUDA and newer
// releases as quoted in the threads of /work knowledge (evidence.md) and PyTorch's sources.
const WORDINGS = [
  [
    'Input type (torch.cuda.HalfTensor) and weight type (torch.cuda.FloatTensor) should be the same',
    'conv',
    ['input', 'float16'],
    ['weight', 'float32'],
  ],
  ['Input type (struct c10::Half) and bias type (float) should be the same', 'conv', ['input', 'float16'], ['bias', 'float32']],
  ['Input type (c10::BFloat16) and bias type (float) should be the same', 'conv', ['input', 'bfloat16'], ['bias', 'float32']],
  [
    'Input type (CPUBFloat16Type) and weight type (torch.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor',
    'conv',
    ['input', 'bfloat16'],
    ['weight', 'float32'],
  ],
  ['expected scalar type Half but found Float', 'scalar-type', [undefined, 'float16'], [undefined, 'float32']],
  [
    "Expected object of scalar type Half but got scalar type Float for argument #4 'mat1'",
    'object-scalar-type',
    [undefined, 'float16'],
    ['mat1', 'float32'],
  ],
  ['mat1 and mat2 must have the same dtype', 'mat-same-dtype', ['mat1', undefined], ['mat2', undefined]],
  ['self and mat2 must have the same dtype', 'mat-same-dtype', ['self', undefined], ['mat2', undefined]],
  ['mat1 and mat2 must have the same dtype, but got Half and Float', 'mat-same-dtype', ['mat1', 'float16'], ['mat2', 'float32']],
  [
    'expected mat1 and mat2 to have the same dtype, but got: c10::Half != float',
    'mat-dtype',
    ['mat1', 'float16'],
    ['mat2', 'float32'],
  ],
  [
    'dot : expected both vectors to have same dtype, but found BFloat16 and Float',
    'both-vectors',
    ['input', 'bfloat16'],
    ['other', 'float32'],
  ],
  ['cross: expected both inputs to have same dtype', 'both-inputs', ['input', undefined], ['other', undefined]],
  [
    'mixed dtype (CPU): expect parameter to have scalar type of Float',
    'mixed-dtype-cpu',
    ['input', 'float32'],
    ['weight', undefined],
  ],
  [
    'Expected query, key, and value to have the same dtype, but got query.dtype: c10::BFloat16 key.dtype: float and value.dtype: float instead.',
    'attention',
    ['query', 'bfloat16'],
    ['key', 'float32'],
  ],
  ['Expected query, key, and value to have the same dtype', 'attention', ['query', undefined], ['key', undefined]],
  [
    'Index put requires the source and destination dtypes match, got Float for the destination and Double for the source.',
    'index-put',
    ['self', 'float32'],
    ['source', 'float64'],
  ],
  ['scatter(): Expected self.dtype to be equal to src.dtype', 'scatter', ['self', undefined], ['src', undefined]],
  [
    'masked_scatter: expected self and source to have same dtypes but gotFloat and Double',
    'masked-scatter',
    ['self', 'float32'],
    ['source', 'float64'],
  ],
  [
    'index_copy_(): self and source expected to have the same dtype, but got (self) Float and (source) Half',
    'index-copy',
    ['self', 'float32'],
    ['source', 'float16'],
  ],
];

for (const [message, wording, reference, blamed] of WORDINGS) {
  test(`wording ${wording}: ${message.slice(0, 60)}`, () => {
    const m = explain.matchMismatch(`RuntimeError: ${message}`);
    assert.ok(m, 'recognised');
    assert.equal(m.wording, wording);
    assert.deepEqual([m.reference.role, explain.dtypeFromError(m.reference.dtype)], reference);
    assert.deepEqual([m.blamed.role, explain.dtypeFromError(m.blamed.dtype)], blamed);
  });
}

test('every wording has an example above', () => {
  assert.deepEqual([...new Set(WORDINGS.map((w) => w[1]))].sort(), [...explain.WORDING_IDS].sort());
});

test('lines that only look like it are not errors', () => {
  for (const line of [
    'expected scalar type for the loss scaler',
    'RuntimeError: CUDA out of memory. Tried to allocate 20.00 MiB',
    'RuntimeError: "slow_conv2d_cpu" not implemented for \'Half\'',
    'the weights should be the same after loading',
  ])
    assert.equal(explain.matchMismatch(line), undefined, line);
});

test('the line reader keeps the start of a line past the cap and drops the rest', () => {
  const lines = [];
  const splitter = new explain.LineSplitter((l) => lines.push(l), 10);
  splitter.push('short\r\n0123456789abc');
  splitter.push('defghij\nlast');
  splitter.end();
  assert.deepEqual(lines, ['short', '0123456789', 'last']);
  assert.ok(explain.splitText('x'.repeat(100_000)).every((l) => l.length <= explain.MAX_LINE));
});

test('the traceback reader: frames, the source line, 3.11 carets, rank prefixes, re-prints counted', () => {
  const text = readFileSync('test/fixtures/explain/logs/multi-rank-cuda.log', 'utf8');
  const errors = explain.readTracebacks(explain.splitText(text));
  assert.equal(errors.length, 1);
  const [e] = errors;
  assert.equal(e.count, 8);
  const inner = e.frames.at(-1);
  assert.ok(inner, 'the traceback has frames');
  assert.equal(inner.line, 16);
  assert.equal(inner.code, 'return F.conv2d(x, self.weight, bias, padding=1)  # expect: DG101');
  assert.equal(inner.caret, inner.code.indexOf('F.conv2d'), 'the caret marks the call');
});

test('a logger line repeating an error whose traceback is in the log is the same error', () => {
  const lines = [
    'Traceback (most recent call last):',
    '  File "/w/models/head.py", line 3, in forward',
    '    return self.fc(x)',
    'RuntimeError: mat1 and mat2 must have the same dtype',
    '12/03 09:00:00 - mmengine - ERROR - RuntimeError: mat1 and mat2 must have the same dtype',
  ];
  const errors = explain.readTracebacks(lines);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].count, 2);
});

test('candidate paths stay inside the roots; installed packages are never candidates', () => {
  const root = path.resolve('/srv/project');
  const inside = (list) => list.every((p) => p === root || p.startsWith(root + path.sep));
  for (const printed of [
    '../../etc/passwd',
    '/etc/passwd',
    '/srv/project/../other/secret.py',
    'C:\\Users\\alice\\..\\..\\secret.py',
    '/home/alice/proj/models/head.py',
  ])
    assert.ok(inside(explain.candidatePaths(printed, [root])), printed);
  assert.deepEqual(explain.candidatePaths('/home/alice/proj/models/head.py', [root]).slice(0, 2), [
    path.join(root, 'home/alice/proj/models/head.py'),
    path.join(root, 'alice/proj/models/head.py'),
  ]);
  assert.deepEqual(explain.candidatePaths('/opt/conda/lib/python3.8/site-packages/torch/nn/modules/conv.py', [root]), []);
  assert.deepEqual(explain.candidatePaths('C:\\env\\Lib\\site-packages\\mmcv\\ops\\deform_conv.py', [root]), []);
  assert.deepEqual(explain.candidatePaths('<frozen runpy>', [root]), []);
});

test('explaining a line leaves the findings of the file as they were', () => {
  const file = path.resolve('test/fixtures/code/dg101_zeros_bias.py');
  const text = readFileSync(file, 'utf8');
  const before = core.analyze(text, { path: file });
  const errors = explain.readTracebacks(
    explain.splitText(readFileSync('test/fixtures/explain/logs/multi-rank-cuda.log', 'utf8')),
  );
  const root = path.resolve('.');
  const explained = explain.explainErrors(errors, {
    roots: [root],
    readFile: (f) => (f === file ? text : undefined),
    // no rule findings: the DG100 path runs the model's read-only view of the line
    findings: () => [],
  });
  const { finding } = explained[0];
  assert.ok(finding, 'the line is explained');
  assert.equal(finding.code, 'DG100');
  assert.match(finding.message, /bias `bias` is float32 while input `x` is float16/);
  assert.match(finding.message, /bias `bias` is created at the default dtype \(float32\)/);
  assert.equal(finding.fixes[0].edits[0].newText, 'bias.to(x.dtype)');
  assert.deepEqual(core.analyze(text, { path: file }), before);
});

test("the editor's cheap test for an error line (terminal links, clipboard) lets every wording through", () => {
  const source = readFileSync('client/src/explain.ts', 'utf8');
  const literal = /export const ERROR_LINE =\s*\/(.+)\/;/.exec(source);
  assert.ok(literal, 'ERROR_LINE is a regular expression literal in client/src/explain.ts');
  const errorLine = new RegExp(literal[1]);
  for (const [message] of WORDINGS) assert.match(`RuntimeError: ${message}`, errorLine);
});
