// The tensor-method table is what the dtype model applies (it records each row it applies to a
// tensor): the fixtures reach every kind of transfer but those listed below as not reached yet
// (none now), and every row but those listed below (a listed kind or row that is reached fails
// the test, so the lists only shrink).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { core } from '../helpers/core.mjs';
import { filesEnding } from '../helpers/sources.mjs';

/** Transfers of the table that no fixture applies yet: fixtures for them are wanted. */
const NOT_REACHED_YET = [];

/**
 * Rows of the table no fixture applies, each with why (each is still checked against torch by the
 * oracle's method-table test). A listed row that a fixture reaches fails the test, so the list only
 * shrinks; a new row needs a fixture or a line here with its reason.
 */
const ROWS_NOT_REACHED = new Map([
  ['bfloat16', 'the oracle runs bfloat16 for float16 on the CPU: a bfloat16 tensor meeting half weights cannot crash there'],
  ['cpu', 'data loading, not a forward: what real code does after it (numpy, eigendecompositions) leaves the table'],
  ['float_power_', 'in place, it only works on a float64 tensor: no model code found that writes it'],
  ['pin_memory', 'data loading, and it needs CUDA: only a branch the oracle never runs could hold it'],
]);
const ROWS_NOT_REACHED_YET = [...ROWS_NOT_REACHED.keys()];

test('the fixtures reach every kind of transfer in the tensor-method table but those known not to be', () => {
  const session = new core.AnalysisSession();
  try {
    for (const file of [...filesEnding('test/fixtures', '.py'), ...filesEnding('examples', '.py')])
      core.internals.brokenCallsOf(readFileSync(file, 'utf8'), path.resolve(file), session);
    const table = core.internals.TENSOR_METHODS;
    const applied = session.methodsApplied;
    for (const name of applied) assert.ok(table.has(name), `${name} is recorded but not in the table`);
    const kinds = new Set([...table.values()].map((row) => row.transfer));
    const reached = new Set([...applied].map((name) => table.get(name)?.transfer));
    assert.deepEqual(
      [...kinds].filter((k) => !reached.has(k)),
      NOT_REACHED_YET,
      'transfers no fixture reaches (NOT_REACHED_YET lists those known)',
    );
    assert.deepEqual(
      [...table.keys()].filter((name) => !applied.has(name)).sort(),
      [...ROWS_NOT_REACHED_YET].sort(),
      'rows no fixture reaches (ROWS_NOT_REACHED_YET lists those known)',
    );
    console.log(`tensor-method rows the fixtures reach: ${applied.size} of ${table.size}`);
  } finally {
    session.dispose();
  }
});
