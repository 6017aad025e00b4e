// The kernel contract table is well formed and, where the mmcv sources are at hand, keeps up with
// them: every compiled kernel mmcv/ops calls with two or more tensors has a contract or is left out
// below for a stated reason, and every contract's parameters are the binding's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { core } from '../helpers/core.mjs';

const { KERNEL_CONTRACTS, kernelContract } = core;
const RULES = new Set(['same', 'float32', 'int', 'long', 'bool', 'uint8', 'int8', 'any']);

/** Kernels with two or more tensors that have no contract on purpose; no contract means no finding. */
const LEFT_OUT = new Map([
  [
    'bias_act',
    'b, xref, yref and dy must match x only when they are not empty (cuda/bias_act_cuda.cu:224-237), and ' +
      'mmcv passes an empty float32 placeholder for the unused ones: no single rule says that',
  ],
  [
    'roiaware_pool3d_forward',
    'two independent dispatches (cuda/roiaware_pool3d_cuda.cu:32 and :61): rois and pts share one type, ' +
      'pts_feature and pooled_features another, so float32 boxes next to half features are fine',
  ],
]);

const mmcv = path.resolve('../shared/ecosystem/mmcv');
const haveMmcv = existsSync(path.join(mmcv, 'mmcv/ops/csrc/pytorch/pybind.cpp'));

test('every contract is well formed', () => {
  assert.ok(KERNEL_CONTRACTS.size > 0);
  for (const [name, c] of KERNEL_CONTRACTS) {
    assert.match(name, /^\w+$/, name);
    assert.ok(Array.isArray(c.params) && c.params.length > 0, `${name}: no params`);
    assert.equal(new Set(c.params).size, c.params.length, `${name}: a parameter is named twice`);
    const tensors = Object.entries(c.rules);
    assert.ok(tensors.length >= 2, `${name}: a contract is for kernels with two or more tensors`);
    for (const [param, rule] of tensors) {
      assert.ok(c.params.includes(param), `${name}: rule for ${param}, which is not a parameter`);
      assert.ok(RULES.has(rule), `${name}: ${param} has the unknown rule ${rule}`);
    }
    assert.ok(
      tensors.some(([, rule]) => rule === 'same') || /\.(cpp|cu|cuh):\d+/.test(c.source),
      `${name}: neither a 'same' argument nor a source`,
    );
    assert.match(c.source, /mmcv\/ops\/csrc\/pytorch\/pybind\.cpp:\d+/, `${name}: the source names no binding`);
    assert.equal(kernelContract(name), c);
  }
  assert.equal(kernelContract('no_such_kernel'), undefined);
  assert.equal(kernelContract('toString'), undefined);
});

test('the kernels left out have no contract', () => {
  for (const name of LEFT_OUT.keys()) assert.equal(kernelContract(name), undefined, name);
});

/** C++ text without comments, so commented-out code is not read. */
const cppText = (file) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ' ');

/** pybind's bindings: Python name → bound C++ function and py::arg names (the first overload wins). */
function bindings() {
  const text = cppText(path.join(mmcv, 'mmcv/ops/csrc/pytorch/pybind.cpp'));
  const out = new Map();
  for (const m of text.matchAll(/m\.def\(\s*"(\w+)"\s*,\s*&(\w+)([\s\S]*?)\);/g)) {
    if (!out.has(m[1])) out.set(m[1], { cpp: m[2], args: [...m[3].matchAll(/py::arg\("(\w+)"\)/g)].map((a) => a[1]) });
  }
  return out;
}

/** Whether each parameter of the bound C++ function is a tensor, from its definition. */
function tensorFlags(cpp, arity) {
  const dirs = ['mmcv/ops/csrc/pytorch', 'mmcv/ops/csrc/pytorch/cpu'].map((d) => path.join(mmcv, d));
  for (const dir of dirs) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpp') && f !== 'pybind.cpp')) {
      for (const m of cppText(path.join(dir, file)).matchAll(new RegExp(`\\b${cpp}\\s*\\(([^(){};]*)\\)\\s*\\{`, 'g'))) {
        const params = m[1].trim() ? m[1].split(',').map((p) => p.trim()) : [];
        if (params.length === arity) return params.map((p) => /\bTensor\b/.test(p) && !/vector|List/.test(p));
      }
    }
  }
  return undefined;
}

/** The kernels mmcv/ops/*.py call through ext_module. */
function calledKernels() {
  const dir = path.join(mmcv, 'mmcv/ops');
  const names = new Set();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.py'))) {
    for (const m of readFileSync(path.join(dir, file), 'utf8').matchAll(/\bext_module\.(\w+)\(/g)) names.add(m[1]);
  }
  return names;
}

test(
  'every kernel mmcv/ops calls with two or more tensors has a contract or a reason',
  { skip: !haveMmcv && 'no mmcv tree' },
  () => {
    const bound = bindings();
    const called = calledKernels();
    assert.ok(called.size > 50, `only ${called.size} kernel calls found in mmcv/ops`);
    const missing = [];
    let judged = 0;
    for (const name of called) {
      const b = bound.get(name);
      assert.ok(b, `${name} is called from mmcv/ops but not bound in pybind.cpp`);
      const flags = tensorFlags(b.cpp, b.args.length);
      assert.ok(flags, `${name}: no definition of ${b.cpp} with ${b.args.length} parameters`);
      if (flags.filter(Boolean).length < 2) continue;
      judged++;
      if (!kernelContract(name) && !LEFT_OUT.has(name)) missing.push(name);
    }
    assert.deepEqual(missing, [], `kernels without a contract or a reason: ${missing.join(', ')}`);
    assert.equal(judged, KERNEL_CONTRACTS.size + LEFT_OUT.size);
    for (const name of LEFT_OUT.keys()) assert.ok(called.has(name), `${name} is left out but no longer called`);
  },
);

test('every contract names the binding parameters, and rules exactly its tensors', { skip: !haveMmcv && 'no mmcv tree' }, () => {
  const bound = bindings();
  for (const [name, c] of KERNEL_CONTRACTS) {
    const b = bound.get(name);
    assert.ok(b, `${name} is not bound in pybind.cpp`);
    assert.deepEqual(c.params, b.args, `${name}: the parameters differ from pybind's`);
    const flags = tensorFlags(b.cpp, b.args.length);
    assert.ok(flags, `${name}: no definition of ${b.cpp}`);
    const tensors = b.args.filter((_, i) => flags[i]);
    assert.deepEqual(Object.keys(c.rules).sort(), [...tensors].sort(), `${name}: the rules are not exactly its tensors`);
  }
});

test('every source line a contract cites exists', { skip: !haveMmcv && 'no mmcv tree' }, () => {
  for (const [name, c] of KERNEL_CONTRACTS) {
    for (const m of c.source.matchAll(/(mmcv\/[\w/.]+|cpu\/[\w.]+):(\d+)(?:-(\d+))?/g)) {
      const rel = m[1].startsWith('cpu/') ? `mmcv/ops/csrc/pytorch/${m[1]}` : m[1];
      const file = path.join(mmcv, rel);
      assert.ok(existsSync(file), `${name}: ${rel} does not exist`);
      const lines = readFileSync(file, 'utf8').split('\n').length;
      assert.ok(Number(m[3] ?? m[2]) <= lines, `${name}: ${rel} has only ${lines} lines`);
    }
  }
});
