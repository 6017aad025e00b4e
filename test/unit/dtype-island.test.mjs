// Float32 islands: a norm-like layer that upcasts its input and casts the result back to the
// input's saved dtype, leaving its own parameters alone, is judged under autocast only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from '../helpers/core.mjs';

const HEAD = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n\n';
const USER = `

class Block(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.norm = Norm(d)
        self.fc = nn.Linear(d, d)

    def forward(self, x):
        return self.fc(self.norm(x))
`;

/** The findings of a file that defines `Norm` with this forward and uses it before a linear layer. */
function findings(forward, base = 'nn.LayerNorm') {
  return core.analyze(`${HEAD}class Norm(${base}):\n${forward}${USER}`);
}

test('an island that restores the dtype saved in a name, or read from the input, gives no finding', () => {
  const saved =
    '    def forward(self, x):\n        orig = x.dtype\n        ret = super().forward(x.type(torch.float32))\n        return ret.type(orig)\n';
  const direct = '    def forward(self, x):\n        return super().forward(x.float()).type(x.dtype)\n';
  const typeAs =
    '    def forward(self, x):\n        y = F.layer_norm(x.to(torch.float32), self.normalized_shape, self.weight, self.bias, self.eps)\n        return y.type_as(x)\n';
  for (const forward of [saved, direct, typeAs]) assert.deepEqual(findings(forward), [], forward);
});

test('x.dtype read after x is rebound is float32: the method does not restore the input dtype', () => {
  const forward =
    '    def forward(self, x):\n        x = x.float()\n        return F.layer_norm(x, self.normalized_shape, self.weight, self.bias, self.eps).to(x.dtype)\n';
  assert.deepEqual(
    findings(forward).map((f) => f.code),
    ['DG102'],
  );
});

test('a conv or linear subclass is no island: converters halve its weight', () => {
  const forward = '    def forward(self, x):\n        return super().forward(x.float()).to(x.dtype)\n';
  const found = findings(forward, 'nn.Linear');
  assert.deepEqual(
    found.map((f) => f.code),
    ['DG102'],
  );
  assert.ok(
    found[0].fixes.every((f) => !f.safe),
    'casting the float32 input down undoes the float32 computation',
  );
});

test('an island that casts its weight but not its bias: the fix upcasts the bias, and is safe', () => {
  const forward =
    '    def forward(self, x):\n        out = F.layer_norm(x.float(), self.normalized_shape, self.weight.float(), self.bias, self.eps)\n        return out.to(x.dtype)\n';
  const src = `${HEAD}class Norm(nn.LayerNorm):\n${forward}${USER}`;
  const [finding, ...rest] = core.analyze(src);
  assert.equal(rest.length, 0);
  assert.equal(finding.code, 'DG102');
  const [up, down] = finding.fixes;
  assert.ok(up.preferred && up.safe);
  assert.match(core.applyEdits(src, up.edits), /self\.weight\.float\(\), self\.bias\.float\(\), self\.eps\)/);
  assert.equal(down.safe, false);
  assert.equal(down.title, 'Cast x.float(), self.weight.float() to self.bias.dtype');
});
