// Imports and noqa comments are found by text and confirmed in the tree: code counts, strings do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from '../helpers/core.mjs';

const body = (imports, call = 'F.conv2d(x, self.weight, bias, padding=1)') => `${imports}
import torch
import torch.nn as nn


class C(nn.Module):
    def forward(self, x):
        bias = torch.zeros(8, device=x.device)
        return ${call}
`;

test('an import counts wherever a statement starts: a line, after ; or after a compound statement colon', () => {
  assert.equal(core.analyze(body('import torch.nn.functional as F')).length, 1);
  assert.equal(core.analyze(body('import os; import torch.nn.functional as F')).length, 1);
  assert.equal(core.analyze(body('if True: import torch.nn.functional as F')).length, 1);
  assert.equal(
    core.analyze(
      body('try:\n    from torch.nn.functional import conv2d as c\nexcept ImportError:\n    pass', 'c(x, self.weight, bias)'),
    ).length,
    1,
  );
});

test('an import written inside a string or a comment does not count', () => {
  assert.equal(core.analyze(body('"""\nimport torch.nn.functional as F\n"""')).length, 0);
  assert.equal(core.analyze(body('# import torch.nn.functional as F')).length, 0);
});

test('a noqa comment after a string holding # still suppresses; a noqa inside a string does not', () => {
  const text = body('import torch.nn.functional as F');
  const call = 'F.conv2d(x, self.weight, bias, padding=1)';
  assert.equal(core.analyze(text.replace(call, `${call} if "#" else None  # noqa: DG101`)).length, 0);
  assert.equal(core.analyze(text.replace(call, `${call} if "# noqa" else None`)).length, 1);
  assert.equal(core.analyze(text.replace(call, `${call}  # NOQA`)).length, 0);
});
