"""Stand-in for a state-space model's compiled scan kernel (`from ssm_ext import chunk_scan`).

What it models: a fused kernel the analysis knows nothing about, of the kind Mamba-style mixers
call between their input projection and their gated norm. It computes in float32 and returns the
scan in the dtype of `x`, whatever `dt` is. The fixtures that use it need a value of unknown
dtype, not the kernel's contract.
"""
import torch


def chunk_scan(x, dt):
    """x (B, L, D), dt (B, L, D) any float dtype -> (B, L, D) in x's dtype: a decayed running sum."""
    with torch.autocast("cpu", enabled=False):
        decay = torch.sigmoid(dt.float())
        out = torch.cumsum(x.float() * decay, dim=1)
    return out.to(x.dtype)
