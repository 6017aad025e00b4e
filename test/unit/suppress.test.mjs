// The suppression edits behind "Disable DGxxx for this line" and "Disable Dtype Guard for this file".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { core } from '../helpers/core.mjs';

const apply = (text, edit) => (edit ? core.applyEdits(text, [edit]) : text);

test('appends a noqa comment, two spaces after the code', () => {
  assert.equal(apply('y = f(x)\n', core.lineNoqaEdit('y = f(x)\n', 0, 'DG101')), 'y = f(x)  # noqa: DG101\n');
  assert.equal(apply('y = f(x)   \n', core.lineNoqaEdit('y = f(x)   \n', 0, 'DG101')), 'y = f(x)  # noqa: DG101\n');
});

test('merges into an existing noqa list, once', () => {
  const text = 'a = 1\ny = f(x)  # noqa: E501,W291\n';
  const merged = apply(text, core.lineNoqaEdit(text, 1, 'DG102'));
  assert.equal(merged, 'a = 1\ny = f(x)  # noqa: E501,W291, DG102\n');
  assert.equal(core.lineNoqaEdit(merged, 1, 'DG102'), undefined);
});

test('keeps an existing comment and adds the noqa after it', () => {
  const text = 'y = f(x)  # the head\n';
  assert.equal(apply(text, core.lineNoqaEdit(text, 0, 'DG101')), 'y = f(x)  # the head  # noqa: DG101\n');
});

test('no edit where a comment cannot go or is not needed', () => {
  assert.equal(core.lineNoqaEdit('y = f(x)  # noqa\n', 0, 'DG101'), undefined);
  assert.equal(core.lineNoqaEdit('y = f(x, \\\n  z)\n', 0, 'DG101'), undefined);
});

test('CRLF lines keep their line ending', () => {
  const text = 'y = f(x)\r\nz = 2\r\n';
  assert.equal(apply(text, core.lineNoqaEdit(text, 0, 'DG101')), 'y = f(x)  # noqa: DG101\r\nz = 2\r\n');
  assert.equal(apply(text, core.fileNoqaEdit(text)), '# dtype-guard: noqa\r\ny = f(x)\r\nz = 2\r\n');
});

test('lines ended by a lone \\r are lines too: a docstring line gets no comment, a code line does', () => {
  const text = '"""Doc\rmore."""\rimport torch\ry = f(x)\r';
  assert.equal(core.lineNoqaEdit(text, 0, 'DG101'), undefined, 'line 1 ends inside the docstring');
  assert.equal(apply(text, core.lineNoqaEdit(text, 3, 'DG101')), '"""Doc\rmore."""\rimport torch\ry = f(x)  # noqa: DG101\r');
});

test('the file switch goes first, or after a shebang and an encoding line', () => {
  assert.equal(apply('import torch\n', core.fileNoqaEdit('import torch\n')), '# dtype-guard: noqa\nimport torch\n');
  const script = '#!/usr/bin/env python\n# coding: utf-8\nimport torch\n';
  assert.equal(
    apply(script, core.fileNoqaEdit(script)),
    '#!/usr/bin/env python\n# coding: utf-8\n# dtype-guard: noqa\nimport torch\n',
  );
});
