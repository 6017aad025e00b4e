// The exact text of each rule's fixes: the preferred fix first, the user's names and layout kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from '../helpers/core.mjs';

const HEAD = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n\n';

/** Applies the preferred fix of the only finding and returns the changed lines. */
function fixed(source, code) {
  const findings = core.analyze(source);
  assert.deepEqual(
    findings.map((f) => f.code),
    [code],
  );
  const [finding] = findings;
  assert.ok(finding.fixes[0].preferred, 'the preferred fix comes first');
  assert.equal(finding.fixes.filter((f) => f.preferred).length, 1);
  const after = core.applyEdits(source, finding.fixes[0].edits);
  const before = source.split('\n');
  return { finding, changed: after.split('\n').filter((line) => !before.includes(line)), after };
}

test('DG101: cast the fresh bias to the input dtype at the call; the alternative creates it with dtype=', () => {
  const src = `${HEAD}class C(nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(8, 3, 3, 3))

    def forward(self, x):
        bias = torch.zeros(8, device=x.device)
        return F.conv2d(x, self.weight, bias, padding=1)
`;
  const { finding, changed } = fixed(src, 'DG101');
  assert.deepEqual(changed, ['        return F.conv2d(x, self.weight, bias.to(x.dtype), padding=1)']);
  assert.equal(finding.fixes[0].title, 'Cast bias to x.dtype');
  const texts = finding.fixes.slice(1).map(
    (f) =>
      core
        .applyEdits(src, f.edits)
        .split('\n')
        .filter((l) => !src.split('\n').includes(l))[0],
  );
  // Casting x to the bias would leave the weight mismatched: with three tensors only the creation fix is offered.
  assert.deepEqual(texts, ['        bias = torch.zeros(8, device=x.device, dtype=x.dtype)']);
  assert.ok(finding.detail, 'the finding carries its detail');
  assert.deepEqual(finding.detail.regimes, ['half', 'mmcv-fp16']);
  assert.equal(finding.detail.className, 'C');
  assert.equal(finding.detail.functionName, 'forward');
});

test('DG102: an input cast to float is cast back to the weight dtype at the call', () => {
  const src = `${HEAD}class Edge(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer('kernel', torch.ones(1, 1, 3, 3))

    def forward(self, seg):
        return F.conv2d(seg.unsqueeze(1).float(), self.kernel, padding=1)
`;
  const { changed } = fixed(src, 'DG102');
  assert.deepEqual(changed, ['        return F.conv2d(seg.unsqueeze(1).float().to(self.kernel.dtype), self.kernel, padding=1)']);
});

test('DG103: a plain tensor attribute is registered as a non-persistent buffer where it is defined', () => {
  const src = `${HEAD}class HighPass(nn.Module):
    def __init__(self):
        super().__init__()
        self.kernel = torch.ones(4, 1, 3, 3) / 9.0

    def forward(self, x):
        return F.conv2d(x, self.kernel, padding=1, groups=4)
`;
  const { changed } = fixed(src, 'DG103');
  assert.deepEqual(changed, ["        self.register_buffer('kernel', torch.ones(4, 1, 3, 3) / 9.0, persistent=False)"]);
});

test('DG103: parameters in a plain list are wrapped in the nn.ParameterList of the file’s own alias', () => {
  const src = `${HEAD}class Multi(nn.Module):
    def __init__(self):
        super().__init__()
        self.weights = [nn.Parameter(torch.randn(4, 4, 3, 3)) for _ in range(2)]

    def forward(self, x):
        for weight in self.weights:
            x = F.conv2d(x, weight, padding=1)
        return x
`;
  const { changed } = fixed(src, 'DG103');
  assert.deepEqual(changed, [
    '        self.weights = nn.ParameterList([nn.Parameter(torch.randn(4, 4, 3, 3)) for _ in range(2)])',
  ]);
});

test('DG105: the half activation is cast to the weight dtype at the call; float on entry is the alternative', () => {
  const src = `${HEAD}class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 4, 3)
        self.fuse = nn.Conv2d(4, 4, 1)

    def forward(self, img):
        x = self.stem(img)
        with torch.autocast("cuda", enabled=False):
            y = x * 2
            return self.fuse(x)
`;
  const { finding, changed } = fixed(src, 'DG105');
  assert.deepEqual(changed, ['            return self.fuse(x.to(self.fuse.weight.dtype))']);
  const entry = core.applyEdits(src, finding.fixes[1].edits);
  assert.match(entry, /enabled=False\):\n {12}x = x\.float\(\)\n {12}y = x \* 2/);
});

test('DG106: the custom op gets its operands cast to the half mask with type_as, never as a safe fix', () => {
  const src = `${HEAD}from mmcv.ops import carafe


class Upsample(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm = nn.GroupNorm(2, 4)
        self.encoder = nn.Conv2d(4, 100, 3, padding=1)

    def forward(self, x):
        x = self.norm(x)
        mask = self.encoder(x)
        return carafe(x, mask, 5, 4, 2)
`;
  const { finding, changed } = fixed(src, 'DG106');
  assert.deepEqual(changed, ['        return carafe(x.type_as(mask), mask, 5, 4, 2)']);
  // A cast of a custom op's argument may break a kernel that wants that dtype: unsafe.
  assert.equal(finding.fixes[0].safe, false);
});

test("DG106: mmcv's deformable conv casts its own operands to the offset: no finding", () => {
  const src = `${HEAD}from mmcv.ops import deform_conv2d


class Dcn(nn.Module):
    def __init__(self):
        super().__init__()
        self.offset = nn.Conv2d(4, 18, 3, padding=1)
        self.weight = nn.Parameter(torch.randn(4, 4, 3, 3))

    def forward(self, x):
        offset = self.offset(x)
        return deform_conv2d(x, offset, self.weight, padding=1)
`;
  assert.deepEqual(core.analyze(src), []);
});

test('DG107: a warm-up tensor fed to a half model is converted with .half()', () => {
  const src = `${HEAD}def main():
    model = nn.Sequential(nn.Conv2d(3, 8, 3)).eval()
    model.half()
    x = torch.ones(1, 3, 32, 32)
    model(x)
`;
  const { finding, changed } = fixed(src, 'DG107');
  assert.deepEqual(changed, ['    model(x.half())']);
  assert.equal(
    core.applyEdits(src, finding.fixes[1].edits).split('\n').at(-2),
    '    model(x.to(next(model.parameters()).dtype))',
  );
});

test('applying the preferred fix twice changes nothing more', () => {
  const src = `${HEAD}class C(nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(8, 3, 3, 3))

    def forward(self, x):
        return F.conv2d(x, self.weight, torch.zeros(8))
`;
  const once = core.applyEdits(src, core.analyze(src)[0].fixes[0].edits);
  assert.deepEqual(core.analyze(once), []);
});

test('a call of two tensors also offers the other direction: the input cast to the kernel', () => {
  const src = `${HEAD}def blur(x):
    kernel = torch.ones(3, 1, 3, 3) / 9.0
    return F.conv2d(x, kernel, padding=1, groups=3)
`;
  const [finding] = core.analyze(src);
  assert.deepEqual(
    finding.fixes.map((f) => f.title),
    ['Cast kernel to x.dtype', 'Cast x to kernel.dtype instead', 'Create kernel with dtype=x.dtype'],
  );
});
