/**
 * Warms the analysis up while the editor is still busy with the server's initialize answer: the
 * first analysis in a fresh process is several times slower than the next ones (V8 compiles each
 * function of the model on its first call), and the editor takes a few hundred milliseconds to
 * send `initialized` and the first open document. Analysing a small module in that gap moves that
 * cost off the first squiggle. Nothing of it is kept: its session is thrown away.
 */
import { AnalysisSession, analyze, memoryWorkspace } from '../analysis/index';

/** A module that takes the dtype model through its common paths: a layer, a functional call, a rebuilt bias, a cast. */
const MODULE = `import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)
        self.norm = nn.BatchNorm2d(channels)
        self.weight = nn.Parameter(torch.randn(channels, channels, 1, 1))
        self.register_buffer("scale", torch.ones(channels))

    def forward(self, x):
        bias = torch.zeros(self.weight.shape[0], device=x.device)
        y = F.conv2d(x, self.weight, bias)
        y = self.norm(self.conv(y)) * self.scale.view(1, -1, 1, 1)
        return F.linear(y.flatten(1).float(), torch.eye(y.shape[1], device=x.device))
`;

const PATH = '/dtype-guard-warm-up/block.py';

/**
 * Analyses the module once with a session of its own (the parser must be loaded); returns how many
 * findings it gave, so that a caller can tell the model ran. Never throws: a warm-up that fails
 * only leaves the first analysis as slow as it was.
 */
export function warmUp(): number {
  const session = new AnalysisSession({ ownParser: false });
  try {
    return analyze(MODULE, { path: PATH, session, workspace: memoryWorkspace({ [PATH]: MODULE }) }).length;
  } catch {
    return -1;
  } finally {
    session.dispose();
  }
}
