"""Stand-in for the parts of mmcv 1.x the fixtures import (mmcv is not installed here).

What it models, and why:
- mmcv.ops: the CUDA-only custom ops. Their CUDA kernels dispatch on one operand's dtype and
  read the other operands as that type, so mixed dtypes raise "expected scalar type X but found
  Y"; the kernels are custom, so autocast never casts their operands. _kernels.py models exactly
  that: a dtype check on the raw operands, then a plausible result computed with autocast off.
  The Python wrappers follow mmcv (latest 1.x): deform_conv2d / modulated_deform_conv2d cast
  `input.type_as(offset)`, `weight.type_as(input)` (and bias, mask) before the kernel (mmcv PR
  #1029); carafe, masked_conv2d and sparse conv cast nothing.
- mmcv.utils.ext_loader.load_ext: returns those raw kernels, for code that wraps the extension
  in its own autograd.Function (as vendored copies of older mmcv did). Besides the conv-like
  kernels it has knn_forward, chamfer_distance_forward, gather_points_forward and
  sync_bn_forward_mean / _var, each with the contract its CUDA source states (which tensor is
  dispatched on, which are read as scalar_t, which as float or int: see _kernels.py).
- mmcv.runner: auto_fp16 / force_fp32 / wrap_fp16_model as in mmcv 1.x fp16_utils (torch >= 1.6
  branch unless the harness selects the torch < 1.6 real-half path).
"""
__version__ = "1.7.1"
