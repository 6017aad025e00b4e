"""Runs a loaded fixture under its precision regime (half, mmcv-fp16, autocast, script)."""
import torch
import torch.nn as nn

from cuda_model import STAND_IN


def _to_half(value):
    """Floating tensors to the stand-in half dtype, through tuples, lists and dicts."""
    if isinstance(value, torch.Tensor):
        return value.to(STAND_IN) if value.is_floating_point() else value
    if isinstance(value, (list, tuple)):
        return type(value)(_to_half(v) for v in value)
    if isinstance(value, dict):
        return {k: _to_half(v) for k, v in value.items()}
    return value


def _cast_args(args, src, dst):
    """mmcv's patch_forward_method argument cast: tensors of dtype src become dst."""
    if isinstance(args, torch.Tensor):
        return args.to(dst) if args.dtype == src else args
    if isinstance(args, (list, tuple)):
        return type(args)(_cast_args(a, src, dst) for a in args)
    if isinstance(args, dict):
        return {k: _cast_args(v, src, dst) for k, v in args.items()}
    return args


def _patch_forward(forward):
    # mmcv patch_forward_method(func, torch.half, torch.float): inputs half->float,
    # outputs float->half.
    def new_forward(*args, **kwargs):
        out = forward(*_cast_args(args, STAND_IN, torch.float32),
                      **_cast_args(kwargs, STAND_IN, torch.float32))
        return _cast_args(out, torch.float32, STAND_IN)
    return new_forward


def patch_norm_fp32(module):
    """mmcv 1.x patch_norm_fp32 (torch >= 1.3): _BatchNorm and GroupNorm back to float;
    GroupNorm's forward additionally casts half inputs to float and its output back."""
    if isinstance(module, (nn.modules.batchnorm._BatchNorm, nn.GroupNorm)):
        module.float()
        if isinstance(module, nn.GroupNorm):
            module.forward = _patch_forward(module.forward)
    for child in module.children():
        patch_norm_fp32(child)
    return module


def _enable_fp16_flag(model):
    # wrap_fp16_model sets fp16_enabled on every module that declares the attribute, which
    # switches mmcv's @auto_fp16 / @force_fp32 on.
    for m in model.modules():
        if hasattr(m, "fp16_enabled"):
            m.fp16_enabled = True


def run(module, regime):
    """Runs the fixture module; exceptions propagate to the caller."""
    import mmcv.runner.fp16_utils as fp16_utils

    if regime == "script":
        fp16_utils.AUTOCAST_BRANCH = True
        module.main()
        return
    model, args = module.make()
    model.eval()
    if regime == "half":
        fp16_utils.AUTOCAST_BRANCH = True
        model.half()
        args = _to_half(args)
        with torch.no_grad():
            model(*args)
    elif regime == "mmcv-fp16":
        # torch < 1.6 path of wrap_fp16_model: model.half(), patch_norm_fp32, fp16_enabled;
        # mmcv's decorators then cast arguments without autocast (there was none).
        fp16_utils.AUTOCAST_BRANCH = False
        model.half()
        patch_norm_fp32(model)
        _enable_fp16_flag(model)
        args = _to_half(args)
        with torch.no_grad():
            model(*args)
    elif regime == "autocast":
        # mmengine AmpOptimWrapper / torch AMP: fp32 model and inputs, forward under autocast.
        fp16_utils.AUTOCAST_BRANCH = True
        _enable_fp16_flag(model)
        with torch.no_grad(), torch.autocast("cuda"):
            model(*args)
    else:
        raise ValueError(f"unknown regime {regime!r}")
