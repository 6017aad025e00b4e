// The notebook fixture's finding is real: its code cells, joined as the CLI and the server join them,
// run with PyTorch and raise the dtype mismatch at the flagged line (cell 3, line 9); the notebook
// that `dtype-guard check --fix` writes runs cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { core } from '../helpers/core.mjs';
import { built as bundled } from '../helpers/dist.mjs';

const PYTHON = process.env.DTYPE_GUARD_PYTHON ?? '/usr/bin/python3';
const FIXTURE = path.resolve('test/fixtures/notebooks/fused_bias_conv.ipynb');

/** The notebook's code cells as one module, the way Dtype Guard reads them (magics blanked). */
function moduleOf(file) {
  const cells = JSON.parse(readFileSync(file, 'utf8')).cells.flatMap((cell, index) =>
    cell.cell_type === 'code' ? [{ index, source: [].concat(cell.source).join('') }] : [],
  );
  return new core.NotebookModule(cells);
}

function runModule(dir, module) {
  const script = path.join(dir, 'notebook_module.py');
  writeFileSync(script, module.text);
  return spawnSync(PYTHON, [script], { encoding: 'utf8', cwd: dir });
}

test('the flagged cell raises the dtype mismatch in PyTorch, and the notebook fixed by the CLI runs', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dg-nb-oracle-'));
  const module = moduleOf(FIXTURE);
  const [finding] = core.analyze(module.text);
  const place = module.toCell(finding.range);
  assert.deepEqual([place.cell + 1, place.range.start.line + 1], [3, 9]);

  const broken = runModule(dir, module);
  assert.notEqual(broken.status, 0, 'the notebook as written fails');
  assert.match(broken.stderr, /RuntimeError: Input type \(c10::BFloat16\) and bias type \(float\) should be the same/);
  const frames = [...broken.stderr.matchAll(/notebook_module\.py", line (\d+)/g)].map((m) => Number(m[1]));
  assert.equal(frames.at(-1), finding.range.start.line + 1, 'the error is raised at the flagged line');

  const copy = path.join(dir, 'nb.ipynb');
  copyFileSync(FIXTURE, copy);
  const fix = spawnSync(process.execPath, [bundled('cli.js'), 'check', '--fix', 'nb.ipynb'], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.equal(fix.status, 0, fix.stdout + fix.stderr);
  const fixed = runModule(dir, moduleOf(copy));
  assert.equal(fixed.status, 0, fixed.stderr);
});
