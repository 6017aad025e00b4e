// The dtype-test generator: constructor values read from __init__, the sample input, the import path, extending a file.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gen } from '../helpers/dtypeTest.mjs';

const ROOT = path.resolve('test/fixtures/dtype-test');
const HEADS = path.join(ROOT, 'pkg_project/models/heads.py');
const isFile = (p) => existsSync(p) && statSync(p).isFile();

let file;
before(async () => {
  await gen.initParser();
  file = gen.readFile(gen.parseSyntax(readFileSync(HEADS, 'utf8')));
});

const argsOf = (name) => Object.fromEntries(gen.planFor(file, name).args.map((a) => [a.name, a.value]));
const inputsOf = (name) => gen.planFor(file, name).inputs.map((i) => i.value ?? null);

describe('constructor arguments', () => {
  test('a required argument gets a value from the layer argument it is passed as; defaults are kept', () => {
    assert.deepEqual(argsOf('FusedBiasHead'), { in_channels: '8', num_classes: '8' });
    const reasons = gen.planFor(file, 'FusedBiasHead').args.map((a) => a.reason);
    assert.deepEqual(reasons, ['used as in_channels', 'used as out_channels']);
  });
  test('in_features and out_features of a linear layer', () => {
    assert.deepEqual(argsOf('ClsHead'), { dim: '8', num_classes: '8' });
  });
  test('nothing but defaults: no argument at all', () => {
    assert.deepEqual(argsOf('PatchEmbed'), {});
  });
  test('an argument nothing tells about is a placeholder, and the test skips until it is filled', () => {
    const plan = gen.planFor(file, 'PrototypeHead');
    assert.deepEqual(plan.placeholders, ['prototypes: nothing in __init__ tells what `prototypes` takes']);
    const text = gen.dtypeTest(gen.parseSyntax(readFileSync(HEADS, 'utf8')), {
      file: HEADS,
      className: 'PrototypeHead',
      testFile: path.join(ROOT, 'pkg_project/tests/test_heads_dtypes.py'),
      isFile,
    }).text;
    assert.match(text, /prototypes = None {2}# PLACEHOLDER: nothing in __init__ tells/);
    assert.match(text, /if any\(value is None for value in \(prototypes,\)\):\n\s+pytest\.skip\("fill in the PLACEHOLDER values/);
  });
  test("a class that extends a torch layer without its own __init__ takes the layer's required arguments", () => {
    assert.deepEqual(argsOf('Stem3d'), { in_channels: '8', out_channels: '8', kernel_size: '3' });
  });
  test('arguments passed on to a class of the same file take the role they have there', () => {
    assert.deepEqual(argsOf('Encoder'), { width: '8' });
  });
  test('not a module, or no such class: a clear error naming the module classes', () => {
    assert.throws(() => gen.planFor(file, 'Nope'), /no class Nope in the file; its nn\.Module classes: FusedBiasHead, ClsHead/);
  });
});

describe('sample input', () => {
  test('conv2d: channels of the first conv, small spatial size', () => {
    assert.deepEqual(inputsOf('FusedBiasHead'), ['torch.randn(2, 8, 16, 16)']);
  });
  test('a linear after a 2d pooling gets a 4-d input', () => {
    assert.deepEqual(inputsOf('ClsHead'), ['torch.randn(2, 8, 16, 16)']);
  });
  test('a patch embedding gets a multiple of its patch size', () => {
    assert.deepEqual(inputsOf('PatchEmbed'), ['torch.randn(2, 3, 16, 16)']);
  });
  test('conv3d of the layer the class extends', () => {
    assert.deepEqual(inputsOf('Stem3d'), ['torch.randn(2, 8, 8, 8, 8)']);
  });
  test('through a submodule class of the file: its conv1d, with the argument passed to it', () => {
    assert.deepEqual(inputsOf('Encoder'), ['torch.randn(2, 8, 32)']);
  });
});

describe('import path', () => {
  test('a package folder: walk up while __init__.py exists; its parent goes on sys.path', () => {
    assert.deepEqual(gen.importPathOf(HEADS, isFile), { module: 'models.heads', root: path.join(ROOT, 'pkg_project') });
  });
  test('a src/ layout: src/ goes on sys.path', () => {
    const f = path.join(ROOT, 'src_project/src/netlib/blocks/fused.py');
    assert.deepEqual(gen.importPathOf(f, isFile), { module: 'netlib.blocks.fused', root: path.join(ROOT, 'src_project/src') });
  });
  test('a file outside any package: its own folder goes on sys.path', () => {
    const f = path.join(ROOT, 'scripts_project/scripts/train_net.py');
    assert.deepEqual(gen.importPathOf(f, isFile), { module: 'train_net', root: path.join(ROOT, 'scripts_project/scripts') });
  });
  test('a file name that is not an identifier cannot be imported by name', () => {
    assert.throws(() => gen.importPathOf('/tmp/my-model.py', () => false), /"my-model" is not a Python identifier/);
  });
  test('the generated sys.path line is relative to the test file', () => {
    const text = gen.dtypeTest(gen.parseSyntax(readFileSync(HEADS, 'utf8')), {
      file: HEADS,
      className: 'ClsHead',
      testFile: path.join(ROOT, 'pkg_project/tests/test_heads_dtypes.py'),
      isFile,
    }).text;
    assert.match(text, /sys\.path\.insert\(0, str\(\(Path\(__file__\)\.resolve\(\)\.parent \/ "\.\."\)\.resolve\(\)\)\)/);
    assert.match(text, /^from models\.heads import ClsHead {2}# noqa: E402$/m);
  });
});

describe('the test file', () => {
  const request = (className, existing) => ({
    file: HEADS,
    className,
    testFile: path.join(ROOT, 'pkg_project/tests/test_heads_dtypes.py'),
    existing,
    isFile,
  });
  test('one parametrised test over the regimes, named after the class', () => {
    const { text, status } = gen.dtypeTest(gen.parseSyntax(readFileSync(HEADS, 'utf8')), request('FusedBiasHead'));
    assert.equal(status, 'created');
    assert.match(
      text,
      /"float32": \(torch\.float32, False\),\n\s+"bfloat16": \(torch\.bfloat16, False\),\n\s+"half": \(torch\.float16, False\),\n\s+"autocast": \(torch\.float32, True\),/,
    );
    assert.match(text, /@pytest\.mark\.parametrize\("regime", list\(REGIMES\)\)\ndef test_fused_bias_head_dtypes\(regime\):/);
    assert.match(text, /pytest\.skip\("float16 has few CPU kernels/);
    assert.doesNotMatch(text, /\t|[ ]+\n/, 'no tabs, no trailing spaces');
  });
  test('an existing file is extended with a test for another class, its import merged', () => {
    const root = gen.parseSyntax(readFileSync(HEADS, 'utf8'));
    const first = gen.dtypeTest(root, request('FusedBiasHead')).text;
    const second = gen.dtypeTest(root, request('ClsHead', first));
    assert.equal(second.status, 'extended');
    assert.ok(second.text.startsWith(first.slice(0, first.indexOf('from models.heads'))));
    assert.match(second.text, /^from models\.heads import FusedBiasHead, ClsHead {2}# noqa: E402$/m);
    assert.equal(second.text.match(/^def run_regime/gm)?.length, 1);
    assert.match(second.text, /def test_fused_bias_head_dtypes[\s\S]*def test_cls_head_dtypes/);
    const again = gen.dtypeTest(root, request('ClsHead', second.text));
    assert.equal(again.status, 'present');
    assert.equal(again.text, second.text);
  });
  test('a file not written by the generator is never overwritten', () => {
    const root = gen.parseSyntax(readFileSync(HEADS, 'utf8'));
    assert.throws(
      () => gen.dtypeTest(root, request('ClsHead', 'def test_mine():\n    pass\n')),
      /was not written by dtype-guard/,
    );
  });
});
