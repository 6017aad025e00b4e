// Every row of the tensor-method table names a method that torch.Tensor really has: a row for a
// name that exists only as a torch or torch.nn.functional function would never apply to `x.name()`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { core } from '../helpers/core.mjs';

const PYTHON = process.env.DTYPE_GUARD_PYTHON ?? '/usr/bin/python3';
const PROBE = 'import json, sys, torch\nprint(json.dumps([n for n in json.load(sys.stdin) if not hasattr(torch.Tensor, n)]))';

test('every tensor-method row is a method of torch.Tensor', () => {
  const rows = [...core.internals.TENSOR_METHODS.keys()];
  const proc = spawnSync(PYTHON, ['-c', PROBE], { input: JSON.stringify(rows), encoding: 'utf8' });
  if (proc.error) throw proc.error;
  assert.equal(proc.status, 0, proc.stderr);
  assert.deepEqual(JSON.parse(proc.stdout), [], 'rows that are not torch.Tensor methods');
  assert.ok(rows.length > 100, `the table has ${rows.length} rows`);
});

const ZERO_DIM_PROBE =
  'import json, sys, torch\na, b = torch.ones(2, 3), torch.zeros(2, 3)\nprint(json.dumps([n for n in json.load(sys.stdin) if getattr(a, n)(b).dim() != 0]))';

test('the rows marked 0-dim give a 0-dim tensor in torch', () => {
  const rows = [...core.internals.TENSOR_METHODS].filter(([, row]) => row.zeroDim).map(([name]) => name);
  assert.ok(rows.length > 0, 'some rows are marked 0-dim');
  const proc = spawnSync(PYTHON, ['-c', ZERO_DIM_PROBE], { input: JSON.stringify(rows), encoding: 'utf8' });
  if (proc.error) throw proc.error;
  assert.equal(proc.status, 0, proc.stderr);
  assert.deepEqual(JSON.parse(proc.stdout), [], 'rows marked 0-dim whose result has dimensions');
});
