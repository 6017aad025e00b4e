// Writes a large, realistic-looking PyTorch model file: modules with conv calls (one in ten with a
// bias created without dtype=, which DG101 flags), helpers with loops and branches, and comments.

function block(i) {
  const fresh = i % 10 === 0;
  return `class Block${i}(nn.Module):
    """Block ${i}: a 3x3 convolution, a norm and a scaled activation."""

    def __init__(self, channels, scale=${(i % 7) + 1}.0):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(channels, channels, 3, 3))
        self.norm = nn.BatchNorm2d(channels)
        self.scale = scale

    def forward(self, x):
        # the bias is rebuilt on every call
        bias = torch.zeros(self.weight.shape[0], device=x.device${fresh ? '' : ', dtype=x.dtype'})
        y = F.conv2d(x, self.weight, bias, padding=1)
        y = self.norm(y)
        return F.relu(y) * self.scale


def helper_${i}(values, threshold=${i % 97}):
    """Sums the values above a threshold; a plain Python function the rules pass over."""
    total = 0
    seen = {}
    for index, value in enumerate(values):
        if value > threshold and index % 2 == 0:
            total += value * ${(i % 5) + 1}
        elif value < -threshold:
            total -= value
        else:
            seen[index] = value
    names = [f"item_{n}" for n in seen if n % 3 == 0]
    return {"total": total, "count": len(values), "names": names, "label": "helper_${i}"}


`;
}

/** A file of about `lines` lines. */
export function generateModelFile(lines) {
  const header =
    '"""A generated model zoo for benchmarks."""\nimport torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n\n';
  const perBlock = block(0).split('\n').length - 1;
  const count = Math.ceil((lines - 6) / perBlock);
  let text = header;
  for (let i = 0; i < count; i++) text += block(i);
  return text;
}
