// The notebook-to-module mapping shared by the CLI and the server: joining, magics, positions back to cells.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from '../helpers/core.mjs';

const { NotebookModule, blankMagics, applyCellEdits } = core;

test('magic and shell lines become blank lines of the same length; Python lines are kept', () => {
  const source =
    '%matplotlib inline\nx = 1\n  !ls \\\n  -la\nout = !pwd\nlines, = %sx ls\nmodel?\n??torch\ny = x % 2\nz = a != b\n';
  const blanked = blankMagics(source);
  assert.equal(blanked.length, source.length);
  assert.deepEqual(blanked.split('\n'), [
    ' '.repeat(18),
    'x = 1',
    ' '.repeat(7),
    ' '.repeat(5),
    ' '.repeat(10),
    ' '.repeat(15),
    ' '.repeat(6),
    ' '.repeat(7),
    'y = x % 2',
    'z = a != b',
    '',
  ]);
  assert.equal(blankMagics('%%bash\necho hi\n'), '      \n       \n', 'a cell magic of another language blanks the cell');
  assert.equal(blankMagics('%%time\nx = 1\n'), '      \nx = 1\n', '%%time runs its body as Python');
});

test('cells are joined in order and module positions map back to their cell', () => {
  const cells = [
    { index: 1, source: 'import torch\n' },
    { index: 3, source: 'a = 1\nb = 2' },
    { index: 4, source: 'c = 3\r' },
    { index: 6, source: 'd = 4' },
  ];
  const module = new NotebookModule(cells);
  assert.equal(module.text, 'import torch\n\na = 1\nb = 2\nc = 3\n\nd = 4');
  const at = (line, character) => ({ line, character });
  assert.deepEqual(module.toCell({ start: at(3, 0), end: at(3, 5) }), { cell: 3, range: { start: at(1, 0), end: at(1, 5) } });
  assert.deepEqual(module.toCell({ start: at(6, 2), end: at(6, 3) }), { cell: 6, range: { start: at(0, 2), end: at(0, 3) } });
  // A range running into the next cell ends at the end of its own cell.
  assert.deepEqual(module.toCell({ start: at(2, 0), end: at(4, 2) }), { cell: 3, range: { start: at(0, 0), end: at(1, 5) } });
  assert.equal(
    module.editToCell({ range: { start: at(3, 0), end: at(4, 0) }, newText: '' }),
    undefined,
    'an edit across cells is refused',
  );
  const edit = module.editToCell({ range: { start: at(2, 4), end: at(2, 5) }, newText: '10' });
  assert.deepEqual(edit, { cell: 3, range: { start: at(0, 4), end: at(0, 5) }, newText: '10' });
  assert.deepEqual([...applyCellEdits(cells, [edit])], [[3, 'a = 10\nb = 2']]);
  assert.equal(module.relabelLines('created on line 3, used on line 7'), 'created on cell 4, line 1, used on cell 7, line 1');
  assert.equal(module.relabelLines('line 99'), 'line 99', 'a line outside the module is left as it is');
});

test('the module of a notebook is analysed like a Python file: a class in one cell, its helper in another', () => {
  const module = new NotebookModule([
    {
      index: 0,
      source:
        'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\ndef make_bias(n, device):\n    return torch.zeros(n, device=device)\n',
    },
    {
      index: 2,
      source:
        'class Head(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.weight = nn.Parameter(torch.randn(4, 4, 3, 3))\n\n    def forward(self, x):\n        return F.conv2d(x, self.weight, make_bias(4, x.device))\n',
    },
  ]);
  const findings = core.analyze(module.text);
  assert.deepEqual(
    findings.map((f) => f.code),
    ['DG101'],
  );
  const place = module.toCell(findings[0].range);
  assert.equal(place.cell, 2);
  assert.equal(place.range.start.line, 6);
});
