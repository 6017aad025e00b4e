"""auto_fp16 / force_fp32 as in mmcv 1.x runner/fp16_utils.py.

Both do nothing unless the module's fp16_enabled is set (wrap_fp16_model sets it; the harness
does that in the mmcv-fp16 and autocast regimes). auto_fp16 casts the named float arguments to
half and, on torch >= 1.6, runs under autocast; force_fp32 casts the named half arguments to
float and, on torch >= 1.6, runs with autocast disabled. Arguments not named in apply_to and
the module's parameters are not touched. AUTOCAST_BRANCH selects the torch >= 1.6 branch; the
harness turns it off for mmcv-fp16, which models the torch < 1.6 real-half path.
"""
import functools
from inspect import getfullargspec

import torch

AUTOCAST_BRANCH = True


def cast_tensor_type(inputs, src_type, dst_type):
    if isinstance(inputs, torch.Tensor):
        return inputs.to(dst_type) if inputs.dtype == src_type else inputs
    if isinstance(inputs, (str, bytes)) or isinstance(inputs, torch.nn.Module):
        return inputs
    if isinstance(inputs, dict):
        return type(inputs)({k: cast_tensor_type(v, src_type, dst_type) for k, v in inputs.items()})
    if isinstance(inputs, (list, tuple)):
        return type(inputs)(cast_tensor_type(v, src_type, dst_type) for v in inputs)
    return inputs


def _decorator(apply_to, src, dst, autocast_enabled, out_cast):
    def wrapper(old_func):
        @functools.wraps(old_func)
        def new_func(*args, **kwargs):
            if not isinstance(args[0], torch.nn.Module):
                raise TypeError("@auto_fp16/@force_fp32 can only decorate methods of nn.Module")
            if not getattr(args[0], "fp16_enabled", False):
                return old_func(*args, **kwargs)
            arg_names = getfullargspec(old_func).args
            to_cast = arg_names if apply_to is None else apply_to
            new_args = [cast_tensor_type(a, src(), dst()) if i < len(arg_names)
                        and arg_names[i] in to_cast else a for i, a in enumerate(args)]
            new_kwargs = {k: cast_tensor_type(v, src(), dst()) if k in to_cast else v
                          for k, v in kwargs.items()}
            if AUTOCAST_BRANCH:
                with torch.cuda.amp.autocast(enabled=autocast_enabled):
                    output = old_func(*new_args, **new_kwargs)
            else:
                output = old_func(*new_args, **new_kwargs)
            if out_cast:
                output = cast_tensor_type(output, dst(), src())
            return output
        return new_func
    return wrapper


# torch.half is read at call time: the harness maps it to the stand-in dtype.
def auto_fp16(apply_to=None, out_fp32=False):
    return _decorator(apply_to, lambda: torch.float, lambda: torch.half, True, out_fp32)


def force_fp32(apply_to=None, out_fp16=False):
    return _decorator(apply_to, lambda: torch.half, lambda: torch.float, False, out_fp16)


def wrap_fp16_model(model):
    """mmcv 1.x: model.half() + patch_norm_fp32 only on torch < 1.6 (or parrots); on newer torch
    (this stand-in models torch 1.13) it leaves dtypes alone and only sets fp16_enabled, so
    that @auto_fp16 runs the decorated forward under autocast."""
    for m in model.modules():
        if hasattr(m, "fp16_enabled"):
            m.fp16_enabled = True
