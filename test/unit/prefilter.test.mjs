// The text prefilter never hides a finding: every fixture with an expectation passes it, and
// skipping a file that fails it gives exactly what a full analysis gives (nothing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { core } from '../helpers/core.mjs';
import { loadFixtures } from '../helpers/fixtures.mjs';

test('every fixture that expects a finding passes the prefilter', () => {
  const positives = loadFixtures().filter((f) => f.expected.length);
  assert.ok(positives.length > 0);
  for (const f of positives) assert.ok(core.internals.mayHaveFindings(f.text), `${f.name} is skipped by the prefilter`);
});

test('a file the prefilter skips has no findings when analysed in full', () => {
  const sources = [...loadFixtures().map((f) => f.text)];
  for (const dir of ['examples/models', 'examples/configs/retinanet']) {
    for (const name of readdirSync(dir)) if (name.endsWith('.py')) sources.push(readFileSync(path.join(dir, name), 'utf8'));
  }
  for (const text of sources) {
    if (core.internals.mayHaveFindings(text)) continue;
    assert.deepEqual(core.analyze(text, { prefilter: false }), []);
  }
});

test('lower-case op words count only as op names: localeconv and linear_regression name no op', () => {
  const skipped = [
    'import locale\nx = locale.localeconv()\ny = x.half\n',
    'from statistics import linear_regression\nr = linear_regression(a, b).half\n',
  ];
  for (const text of skipped) assert.equal(core.internals.mayHaveFindings(text), false, text);
  const kept = [
    'import torch\ny = torch.conv_transpose2d(x.half(), w)\n',
    'from torch.nn.functional import linear\ny = linear(x.half(), w)\n',
    'class A(nn.Module):\n    def forward(self, x):\n        return self._conv_forward(x.half(), self.weight, None)\n',
    "from mmcv.cnn import build_conv_layer\nconv = build_conv_layer(dict(type='DCN'), 3, 8, 3)\ny = conv(x.half())\n",
    'from torch.nn.modules.conv import _ConvNd\nclass C(_ConvNd):\n    def forward(self, x):\n        return x.half()\n',
    'from mmcv.cnn import ConvModule\nm = ConvModule(3, 8, 3).half()\n',
    'layer = nn.LazyConv2d(8, 3).half()\n',
    'head = nn.Linear(8, 2).half()\n',
  ];
  for (const text of kept) assert.equal(core.internals.mayHaveFindings(text), true, text);
});

test('a kernel of a compiled extension imported as _C is analysed against its contract (DG102 on its float operand)', () => {
  const text = [
    'import torch',
    'import torch.nn as nn',
    'from . import _C',
    '',
    '',
    'class Fused(nn.Module):',
    '    def __init__(self):',
    '        super().__init__()',
    '        self.weight = nn.Parameter(torch.randn(8, 8))',
    '',
    '    def forward(self, x):',
    '        return _C.min_area_polygons(x, self.weight.float())',
    '',
    '',
    'model = Fused().half()',
    '',
  ].join('\n');
  assert.deepEqual(
    core.analyze(text).map((f) => `${f.code}@${f.range.start.line + 1}`),
    ['DG102@12'],
  );
});

test('the trigger words cover the conv/linear ops, autocast, half and config markers', () => {
  const trigger = [
    'y = F.conv2d(x, w, b)',
    'y = F.linear(x, w)',
    'with torch.autocast("cuda"):\n    y = F.linear(x, w)',
    'model = nn.Sequential(nn.Conv2d(3, 8, 3)).half()',
    'x = torch.HalfTensor(3)\ny = torch.addmm(b, x, w)',
    "_base_ = ['../_base_/models/retinanet.py']",
    'fp16 = dict(loss_scale=512.)',
    "optim_wrapper = dict(type='AmpOptimWrapper')",
    'from torch.cuda import amp',
    '@MODELS.register_module()\nclass A: pass',
    'from mmcv.ops import DeformConv2d',
    'from mmcv.ops import CARAFEPack\nout = CARAFEPack(64, 2)(x)',
  ];
  for (const text of trigger) assert.ok(core.internals.mayHaveFindings(text), text);
  const plain = [
    'def convert(x):\n    return x  # an example of conventional code',
    'print("halfway &amp; sample")',
    'import os\nos.path.join("a", "b")',
    // the dtype model needs an op, a layer or a model to judge: a cast alone is not enough
    'x = torch.autograd.Variable(y).half()',
  ];
  for (const text of plain) assert.equal(core.internals.mayHaveFindings(text), false, text);
});

test('op words count only in code; config words count in strings too', () => {
  const skipped = [
    '"""A linear layer in a docstring."""\nx = 1\n',
    'x = 1  # the conv below was removed\n',
    "name = 'deform_conv2d'\n",
    'msg = "it\'s half done"\nprint(msg)\n',
    "s = r'\\' conv'\n",
  ];
  for (const text of skipped) assert.equal(core.internals.mayHaveFindings(text), false, text);
  const kept = [
    "cfg = {'fp16': {'loss_scale': 512}}\n",
    "optimizer = dict(type='AmpOptimWrapper')\n",
    's = "a # b"; y = F.conv2d(x, w)\n',
    '"""doc with "quotes" inside"""\ny = F.linear(x, w)\n',
    "x = 'unterminated\ny = F.linear(x, w)\n",
    'y = model.half()(x)  # conv net\nz = F.conv2d(y, w)\n',
  ];
  for (const text of kept) assert.equal(core.internals.mayHaveFindings(text), true, text);
});

test('a broken or unusually broken-up file hides nothing from the prefilter', () => {
  const kept = [
    // an unterminated string: the parser may read what follows as code
    'x = """\ny = F.conv2d(a, w)\n',
    "x = 'oops\ny = F.conv2d(a, w)\n",
    // lone \r line breaks end a comment as \n does
    '# header\ry = F.conv2d(a, w)\r',
  ];
  for (const text of kept) assert.equal(core.internals.mayHaveFindings(text), true, JSON.stringify(text));
});

test('config words count only in a file the config rules read', () => {
  // torch code names fp16/bf16 and AMP everywhere; outside a config that is not a reason to parse
  const text = "strategy = dict(type='DeepSpeedStrategy', bf16=dict(enabled=True))\nuse_amp = True\n";
  assert.equal(core.internals.mayHaveFindings(text), true);
  assert.equal(core.internals.mayHaveFindings(text, { config: false }), false);
  assert.equal(core.mayHaveFindingsFor(text, { path: path.resolve('proj/tools/train.py') }), false);
  assert.equal(core.mayHaveFindingsFor(text, { path: path.resolve('proj/configs/a.py') }), true);
  // no path: the config rules cannot run; a `_base_` assignment makes a config wherever it is
  assert.equal(core.mayHaveFindingsFor(text), false);
  const child = "_base_ = './base.py'\nfp16 = dict(loss_scale=512.)\n";
  assert.equal(core.mayHaveFindingsFor(child, { path: path.resolve('proj/tools/a.py') }), true);
  // only code rules selected: config words never count; only config rules: code words never count
  assert.equal(core.mayHaveFindingsFor(child, { path: path.resolve('proj/configs/a.py'), select: ['DG1'] }), false);
  const code = 'import torch.nn.functional as F\ny = F.conv2d(x.half(), w)\n';
  assert.equal(core.mayHaveFindingsFor(code, { select: ['DG1'] }), true);
  assert.equal(core.mayHaveFindingsFor(code, { select: ['DG2'] }), false);
  assert.equal(core.mayHaveFindingsFor(code, { kind: 'config' }), false);
});

test('code fixtures give the same findings with and without the prefilter, at their own path', () => {
  for (const f of loadFixtures()) {
    const options = { path: f.file };
    const full = core.analyze(f.text, { ...options, prefilter: false }).map((x) => `${x.code}@${x.range.start.line + 1}`);
    assert.deepEqual(
      core.analyze(f.text, options).map((x) => `${x.code}@${x.range.start.line + 1}`),
      full,
      f.name,
    );
  }
});

/** The code of a text, blanked the slow way (one character at a time), to check the fast scan against. */
function slowCodeOf(text) {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      out += ' ';
    } else if (c === '"' || c === "'") {
      const close = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + close.length;
      let end = -1;
      while (j < text.length) {
        if (text[j] === '\\') j += 2;
        else if (close.length === 1 && (text[j] === '\n' || text[j] === '\r')) break;
        else if (text.startsWith(close, j)) {
          end = j + close.length;
          break;
        } else j++;
      }
      // an unterminated literal hides nothing: only its quote is dropped
      i = end < 0 ? i + 1 : end;
      out += ' ';
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

test('the prefilter finds words in code exactly as blanking comments and strings would', () => {
  const pieces = [
    'conv',
    'conv2d',
    'linear',
    'Linear',
    'half',
    'Half',
    'convert',
    '_ext',
    '.apply(',
    'fp16',
    'autocast',
    'x',
    ' ',
    'F.',
    '(',
    ')',
  ];
  const breaks = ['\n', '\r', '\r\n', '#', "'", '"', '"""', "'''", '\\'];
  const text = fc.array(fc.constantFrom(...pieces, ...breaks), { maxLength: 40 }).map((parts) => parts.join(''));
  const DTYPE = core.internals.DTYPE_WORDS;
  const CODE = /conv(?!er|en)|linear|deform|carafe|autograd|autocast|float16|fp16|fp32/i;
  const HALF = /half\b|Half/;
  const TABLE = core.internals.TABLE_WORDS;
  fc.assert(
    fc.property(text, (s) => {
      const code = slowCodeOf(s);
      assert.equal(core.internals.codeOf(s), code);
      const expected = (CODE.test(code) || HALF.test(code) || TABLE.test(code)) && DTYPE.test(code);
      assert.equal(core.internals.mayHaveFindings(s, { config: false }), expected, JSON.stringify(s));
    }),
    { seed: 20261127, numRuns: 3000 },
  );
});

test("every op and layer name of the model's tables is one of the model's words", () => {
  const names = core.internals.knownOpNames();
  assert.ok(names.includes('conv2d') && names.includes('Linear') && names.includes('CARAFEPack'));
  // as written in code: a call `name(`, an attribute `x.name`, a base class `(name)`
  const unmatched = names.filter((n) => !core.internals.DTYPE_WORDS.test(`y = F.${n}(x)`));
  assert.deepEqual(unmatched, []);
});

/**
 * Tiny sources that use a table's name as code does: imported and called, called by its qualified
 * name, subclassed; a matrix-product method called on a tensor.
 * @param {{ table: string, qualified: string }} row
 * @returns {string[]}
 */
function usesOf({ table, qualified }) {
  const dot = qualified.lastIndexOf('.');
  const [module, name] = [qualified.slice(0, dot), qualified.slice(dot + 1)];
  if (table === 'MATMUL_METHODS') return [`def attend(q, k):\n    return q.${name}(k)\n`];
  const imported = `from ${module} import ${name}\n\n`;
  const called = [`${imported}y = ${name}(x, w)\n`, `import ${module.split('.')[0]}\n\ny = ${qualified}(x, w)\n`];
  const subclassed = `${imported}\nclass Block(${name}):\n    pass\n`;
  if (table === 'CONV_OPS') return called;
  if (table === 'CONV_BASES') return [subclassed];
  return [...called, subclassed];
}

test('every name of the op tables passes the prefilter in a file that uses it, with no other word', () => {
  const rows = core.internals.tableNames();
  const tables = new Set(rows.map((r) => r.table));
  for (const t of ['CONV_OPS', 'MATMUL_METHODS', 'CUSTOM_MODULES', 'LAYER_CLASSES', 'CONV_BASES', 'LAYER_FACTORIES'])
    assert.ok(tables.has(t), `${t} has rows`);
  assert.ok(rows.length > 60, `${rows.length} rows`);
  const skipped = rows.flatMap((row) => usesOf(row).filter((text) => !core.internals.mayHaveFindings(text, { config: false })));
  assert.deepEqual(skipped, []);
  // the same source with the name in a comment only is skipped: the test above is not vacuous
  assert.equal(core.internals.mayHaveFindings('import torch\n# y = torch.conv2d(x, w)\ny = x\n'), false);
});

test('what the model recognises outside its tables passes the prefilter next to a precision word', () => {
  const kept = [
    'def attend(q, k):\n    return (q @ k).half()\n',
    'class C(Base):\n    def forward(self, x):\n        return self._conv_forward(x.half(), self.weight, None)\n',
    'class F(torch.autograd.Function):\n    pass\n\ny = F.apply(x)\n',
    'traced = torch.jit.trace(model.half(), x)\n',
    'torch.onnx.export(model.half(), x, "m.onnx")\n',
    'model = nn.Sequential(Block()).half()\n',
    "ext_module = ext_loader.load_ext('_ext', ['fused'])\ny = ext_module.fused(x.half(), w)\n",
    'from . import _C\n\ny = _C.fused(x.half(), w)\n',
  ];
  for (const text of kept) assert.equal(core.internals.mayHaveFindings(text), true, text);
  // alone, a marker is not enough: detectron2 names its config node _C
  assert.equal(core.internals.mayHaveFindings('from detectron2.config import CfgNode as CN\n_C = CN()\n'), false);
});

test('a kernel of a compiled extension without a known contract is not judged', () => {
  const text = [
    'import torch',
    'import torch.nn as nn',
    'from . import _C',
    '',
    '',
    'class Fused(nn.Module):',
    '    def __init__(self):',
    '        super().__init__()',
    '        self.weight = nn.Parameter(torch.randn(8, 8))',
    '',
    '    def forward(self, x):',
    '        return _C.fused(x, self.weight.float())',
    '',
    '',
    'model = Fused().half()',
    '',
  ].join('\n');
  assert.deepEqual(core.analyze(text), []);
});
