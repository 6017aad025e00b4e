// Jupyter notebooks in the CLI: code cells checked as one module, positions given per cell, --fix and
// --diff rewriting only the cells' sources, IPython magics ignored, malformed notebooks reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLEAN, POSITIVE, project, run } from '../helpers/cli.mjs';

const NOTEBOOK = readFileSync('test/fixtures/notebooks/fused_bias_conv.ipynb', 'utf8');
const FLAGGED = '        return F.conv2d(x, self.weight, bias, padding=1)';
const FIXED = '        return F.conv2d(x, self.weight, bias.to(x.dtype), padding=1)';

/** A notebook written as nbformat does (indent 1, sorted keys, trailing newline) from code cell sources. */
function notebookOf(sources, { indent = 1, asString = false } = {}) {
  const cells = sources.map((source) => ({
    cell_type: 'code',
    execution_count: null,
    metadata: {},
    outputs: [],
    source: asString ? source : (source.match(/[^\n]*\n|[^\n]+$/g) ?? []),
  }));
  return (
    JSON.stringify({ cells, metadata: { language_info: { name: 'python' } }, nbformat: 4, nbformat_minor: 5 }, null, indent) +
    '\n'
  );
}

test('a notebook: the class in cell 3 uses a helper from cell 2; the finding is placed in its cell', () => {
  const root = project({
    'nb/fused_bias_conv.ipynb': NOTEBOOK,
    'nb/.ipynb_checkpoints/fused_bias_conv-checkpoint.ipynb': NOTEBOOK,
  });
  const r = run(['check', '--verbose', '.'], { cwd: root });
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(
    lines[0],
    'nb/fused_bias_conv.ipynb:cell 3:9:16: DG101 [*] bias is float32, input x is float16 under model.half()',
  );
  assert.equal(lines[1], '1 finding (1 fixable with --fix)', "Jupyter's checkpoint copies are not checked");
  assert.match(r.stderr, /checked 1 files/);
  const cells = JSON.parse(NOTEBOOK).cells;
  assert.equal(cells[2].source.join('').split('\n')[8], FLAGGED, 'cell 3, line 9 is the conv call');
});

test('--fix rewrites only the changed cell source and keeps the JSON layout, metadata and outputs; a second run changes nothing', () => {
  const root = project({ 'nb.ipynb': NOTEBOOK });
  const r = run(['check', '--fix', 'nb.ipynb'], { cwd: root });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /Fixed 1 finding\.\nNo findings left\./);
  const fixed = readFileSync(path.join(root, 'nb.ipynb'), 'utf8');
  const before = NOTEBOOK.split('\n');
  const after = fixed.split('\n');
  assert.equal(after.length, before.length);
  const changed = before.flatMap((line, i) => (line === after[i] ? [] : [[line, after[i]]]));
  assert.deepEqual(changed, [[`    ${JSON.stringify(FLAGGED)}`, `    ${JSON.stringify(FIXED)}`]]);
  assert.ok(fixed.endsWith('}\n'), 'the trailing newline stays');
  const [a, b] = [JSON.parse(NOTEBOOK), JSON.parse(fixed)];
  assert.deepEqual(b.metadata, a.metadata);
  assert.deepEqual(
    b.cells.map((c) => c.outputs),
    a.cells.map((c) => c.outputs),
  );
  assert.deepEqual(Object.keys(b.cells[2]), Object.keys(a.cells[2]), 'key order kept');
  const again = run(['check', '--fix', 'nb.ipynb'], { cwd: root });
  assert.equal(again.status, 0);
  assert.equal(readFileSync(path.join(root, 'nb.ipynb'), 'utf8'), fixed);
});

test('--fix keeps a source written as one string, and two-space indentation', () => {
  const source = POSITIVE.replace(/^from mmdet.*\n|^@MODELS.*\n/gm, '');
  for (const options of [{ asString: true }, { indent: 2 }]) {
    const original = notebookOf([source], options);
    const root = project({ 'nb.ipynb': original });
    assert.equal(run(['check', '--fix', 'nb.ipynb'], { cwd: root }).status, 0);
    const fixed = readFileSync(path.join(root, 'nb.ipynb'), 'utf8');
    assert.equal(fixed, notebookOf([source.replace('bias, padding=1)', 'bias.to(x.dtype), padding=1)')], options));
  }
});

test('--diff shows the change to the notebook file as a patch that applies; nothing is written', () => {
  const root = project({ 'nb.ipynb': NOTEBOOK });
  const r = run(['check', '--diff', 'nb.ipynb'], { cwd: root });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^--- a\/nb\.ipynb\n\+\+\+ b\/nb\.ipynb\n@@ /);
  assert.match(r.stdout, new RegExp(`^\\+    ${JSON.stringify(FIXED).replace(/[.()[\]\\]/g, '\\$&')}$`, 'm'));
  assert.equal(readFileSync(path.join(root, 'nb.ipynb'), 'utf8'), NOTEBOOK);
  const patched = spawnSync('patch', ['-p1'], { cwd: root, input: r.stdout, encoding: 'utf8' });
  assert.equal(patched.status, 0, patched.stderr);
  assert.equal(run(['check', 'nb.ipynb'], { cwd: root }).status, 0, 'the patched notebook has no findings');
});

test('json and sarif carry the cell: 1-based, lines and columns within the cell', () => {
  const root = project({ 'nb.ipynb': NOTEBOOK });
  const [finding] = JSON.parse(run(['check', '--format', 'json', 'nb.ipynb'], { cwd: root }).stdout);
  assert.equal(finding.cell, 3);
  assert.deepEqual(finding.location, { line: 9, column: 16 });
  assert.deepEqual(finding.endLocation, { line: 9, column: 57 });
  assert.deepEqual(finding.fixes[0].edits[0], {
    cell: 3,
    location: { line: 9, column: 41 },
    endLocation: { line: 9, column: 45 },
    content: 'bias.to(x.dtype)',
  });
  const plain = JSON.parse(run(['check', '--format', 'json', 'm.py'], { cwd: project({ 'm.py': POSITIVE }) }).stdout);
  assert.equal('cell' in plain[0], false, 'a Python file has no cell field');

  const sarif = JSON.parse(run(['check', '--format', 'sarif', 'nb.ipynb'], { cwd: root }).stdout);
  const [result] = sarif.runs[0].results;
  assert.deepEqual(result.locations[0].properties, { cell: 3 });
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'nb.ipynb');
  assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 9, startColumn: 16, endLine: 9, endColumn: 57 });
  const [replacement] = result.fixes[0].artifactChanges[0].replacements;
  assert.deepEqual(replacement.properties, { cell: 3 });

  const github = run(['check', '--format', 'github', 'nb.ipynb'], { cwd: root }).stdout.trim();
  assert.match(github, /^::warning file=nb\.ipynb,title=DG101 fresh-float-tensor::nb\.ipynb:cell 3:9:16: DG101 /);
});

test('IPython magics and shell lines are ignored, and positions after them stay where they are', () => {
  const lines = POSITIVE.replace(/^from mmdet.*\n|^@MODELS.*\n/gm, '').split('\n');
  const at = lines.findIndex((l) => l.includes('F.conv2d('));
  const withMagics = [
    '%load_ext autoreload',
    '%autoreload 2',
    'files = !ls -la',
    '!pip install torch \\',
    '    torchvision',
    'torch.zeros?',
    ...lines,
  ].join('\n');
  const html = '%%html\n<div>F.conv2d(x, self.weight, torch.zeros(3))</div>\n';
  const timed = '%%time\nout = FusedBiasConv(3, 8)(torch.randn(1, 3, 8, 8))\n';
  const root = project({ 'nb.ipynb': notebookOf([withMagics, html, timed]) });
  const r = run(['check', 'nb.ipynb'], { cwd: root });
  assert.equal(r.status, 1);
  const reported = r.stdout.trim().split('\n');
  assert.equal(reported.length, 2, r.stdout);
  assert.match(reported[0], new RegExp(`^nb\\.ipynb:cell 1:${at + 7}:16: DG101 `));
  assert.equal(run(['check', '--fix', 'nb.ipynb'], { cwd: root }).status, 0);
  const fixed = JSON.parse(readFileSync(path.join(root, 'nb.ipynb'), 'utf8'));
  const first = fixed.cells[0].source.join('');
  assert.ok(first.startsWith('%load_ext autoreload\n%autoreload 2\nfiles = !ls -la\n'), 'magic lines are kept as written');
  assert.match(first, /bias\.to\(x\.dtype\)/);
  assert.equal(fixed.cells[1].source.join(''), html, 'a cell magic of another language is left alone');
});

test('a malformed notebook is one DG000 line for that file; the other files are checked', () => {
  const root = project({
    'a_bad_json.ipynb': '{"cells": [\n  {"cell_type": "code", "source": "x = 1"\n',
    'b_no_cells.ipynb': '{"metadata": {}, "nbformat": 4}\n',
    'c_bad_cell.ipynb': '{"cells": [{"cell_type": "code", "source": 3}]}\n',
    'd_model.py': POSITIVE,
    'e_r.ipynb': JSON.stringify({
      cells: [{ cell_type: 'code', source: 'x <- 1' }],
      metadata: { kernelspec: { language: 'R' } },
    }),
  });
  const r = run(['check', '--verbose', '.'], { cwd: root });
  assert.equal(r.status, 1);
  assert.doesNotMatch(r.stdout + r.stderr, /\bat .+:\d+:\d+/, 'no stack trace');
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^a_bad_json\.ipynb:1:1: DG000 not a valid notebook: not valid JSON \(.+ at line \d+, column \d+\)$/);
  assert.equal(
    lines[1],
    'b_no_cells.ipynb:1:1: DG000 not a valid notebook: not a notebook (no "cells" list; nbformat 4 is read)',
  );
  assert.equal(lines[2], 'c_bad_cell.ipynb:1:1: DG000 not a valid notebook: cell 1 has no source text');
  assert.match(lines[3], /^d_model\.py:18:16: DG101 /);
  assert.match(r.stderr, /^dtype-guard: e_r\.ipynb: skipped \(a r notebook\)$/m);
  const fix = run(['check', '--fix', '.'], { cwd: root });
  assert.equal(
    readFileSync(path.join(root, 'a_bad_json.ipynb'), 'utf8'),
    '{"cells": [\n  {"cell_type": "code", "source": "x = 1"\n',
  );
  assert.equal(fix.status, 1, 'the malformed notebooks are still reported');
});

test('stdin: --stdin-filename nb.ipynb --fix writes the fixed notebook to stdout', () => {
  const root = project({});
  mkdirSync(path.join(root, 'nb'));
  const r = run(['check', '--fix', '--stdin-filename', 'nb/x.ipynb'], { cwd: root, input: NOTEBOOK });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.stdout.includes(JSON.stringify(FIXED)));
  assert.equal(r.stdout.split('\n').length, NOTEBOOK.split('\n').length);
  const broken = '{"cells": [\n';
  const through = run(['check', '--fix', '--stdin-filename', 'broken.ipynb'], { cwd: root, input: broken });
  assert.equal(through.stdout, broken, 'a notebook that cannot be checked comes out of the pipe unchanged');
  assert.match(through.stderr, /^broken\.ipynb:1:1: DG000 not a valid notebook/m);
  writeFileSync(path.join(root, 'clean.ipynb'), notebookOf([CLEAN]));
  assert.equal(run(['check', 'clean.ipynb'], { cwd: root }).stdout, 'No findings.\n');
});
