"""Kernels of the pointops stand-in: each converts its float operands itself (see __init__.py)."""
import torch


def three_interp_weighted_forward(features, idx, weight):
    """features (B, C, M), idx (B, N, 3) int, weight (B, N, 3) any float dtype -> (B, C, N)
    in the features' dtype: sum of the three neighbours' features, weighted."""
    if idx.is_floating_point():
        raise RuntimeError("idx must be an integer tensor")
    with torch.autocast("cpu", enabled=False):
        f = features.float()
        b, c, _ = f.shape
        n = idx.shape[1]
        picked = torch.gather(f, 2, idx.long().reshape(b, 1, -1).expand(-1, c, -1))
        out = (picked.view(b, c, n, 3) * weight.float().unsqueeze(1)).sum(-1)
    return out.to(features.dtype)
