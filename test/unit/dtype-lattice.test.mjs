// The dtype lattice: exact type promotion, joins at merges, and when two operands disagree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from '../helpers/core.mjs';

const L = core.internals.dtypeLattice;
const t = (cause, extra = {}) => ({ ...L.tensor(cause), ...extra });
/** Dtypes per regime, named: half, mmcv-fp16, autocast. */
const under = (half, mmcv, autocast) => ({ half, 'mmcv-fp16': mmcv, autocast });

test('a dimensioned float32 tensor promotes a half activation: the result is a promoted activation', () => {
  const r = L.promote(t('input'), t('fresh'));
  assert.equal(L.causeOf(r), 'promoted');
  assert.deepEqual(L.dtypesOf(r), L.sameUnderAll(L.F32));
});

test('a 0-dim float32 tensor does not promote a dimensioned half tensor', () => {
  const r = L.promote(t('input'), t('fresh', { zeroDim: true }));
  assert.equal(L.causeOf(r), 'input');
  assert.deepEqual(L.dtypesOf(r), L.BY_CAUSE.input);
});

test('a Python scalar (or an unknown value) never promotes', () => {
  assert.equal(L.causeOf(L.promote(t('input'), L.SCALAR)), 'input');
  assert.equal(L.causeOf(L.promote(L.UNKNOWN, t('module'))), 'module');
});

test('a weight built from a fresh tensor keeps the fresh cause (DG101, not DG104)', () => {
  const r = L.promote(t('fresh'), t('module'));
  assert.equal(L.causeOf(r), 'fresh');
});

test('float64 promotion keeps the float64 operand as the cause', () => {
  const r = L.promote(t('input'), t('numpy'));
  assert.equal(L.causeOf(r), 'numpy');
  assert.deepEqual(L.dtypesOf(r), L.sameUnderAll(L.F64));
});

test('norm statistics promote only under mmcv-fp16', () => {
  const r = L.promote(t('module'), t('norm'));
  assert.deepEqual(L.dtypesOf(r), under(L.F16, L.F32, L.F32));
});

test('float16 and bfloat16 promote to float32', () => {
  const a = { ...t('cast'), d: L.sameUnderAll(L.F16) };
  const b = { ...t('cast'), d: L.sameUnderAll(L.BF16) };
  assert.deepEqual(L.dtypesOf(L.promote(a, b)), L.sameUnderAll(L.F32));
});

test('a join unites the dtypes and keeps the non-following cause for blame', () => {
  const j = L.join(t('module'), t('fresh'));
  assert.equal(L.causeOf(j), 'fresh');
  assert.deepEqual(L.dtypesOf(j), under(L.F16 | L.F32, L.F16 | L.F32, L.F32));
  assert.equal(L.causeOf(L.join(L.UNKNOWN, t('fresh'))), 'fresh');
});

test('disagreement: different dtypes disagree, equal ones and unknowns do not', () => {
  assert.ok(L.disagree(L.F16, L.F32));
  assert.ok(L.disagree(L.F16 | L.F32, L.F16));
  assert.ok(!L.disagree(L.F16, L.F16));
  assert.ok(!L.disagree(0, L.F32));
  assert.ok(!L.disagree(L.ACT, L.F32));
});

test('dtype names read as PyTorch spells them', () => {
  assert.equal(L.dtypeName(L.F16), 'float16');
  assert.equal(L.dtypeName(L.F16 | L.F32), 'float16 or float32');
});
