"""Patches that make CPU torch 1.13 behave, dtype-wise, like a CUDA half-precision run.

torch 1.13 on CPU has no float16 conv/matmul kernels, so bfloat16 stands in for float16
everywhere, and the few places where the CPU backend is laxer or narrower than CUDA are
patched to follow CUDA. Each patch below says what it models. install() is idempotent.

1. torch.float16 / torch.half name bfloat16; Tensor.half() and Module.half() convert to
   bfloat16. Code that writes `.half()` or `torch.float16` therefore runs in the stand-in dtype.
2. `.cuda()` (Tensor and Module) is a no-op: everything runs on the CPU.
3. torch.autocast('cuda', ...), torch.amp.autocast(...), torch.cuda.amp.autocast(...) become
   CPU autocast with bfloat16, keeping `enabled=` (a disabled region disables CPU autocast).
   torch.cuda.amp.custom_fwd(cast_inputs=...) follows the CPU autocast state.
4. CUDA checks that input, weight and bias of a convolution share one dtype (cuDNN's
   check_input_same_type_as_parameters). CPU conv1d/conv3d skip the bias check, so F.conv1d /
   F.conv3d (and torch.conv1d / torch.conv3d) check first, outside autocast, with CUDA's message.
5. CPU has no bfloat16 conv_transpose kernel: F.conv_transpose1d/2d/3d check the operand dtypes
   like CUDA, then compute in float32 and return the operand dtype. Under autocast CUDA runs them
   in float16, so the result is returned in bfloat16 there.
6. CUDA autocast runs layer_norm and group_norm in float32 and softmax / log_softmax in float32
   unless `dtype=` is given (the fp32 and fp32_set_opt_dtype lists); CPU autocast in 1.13 does
   not. Under CPU autocast these ops follow the CUDA policy. Other CUDA fp32-list ops (exp, sum,
   pow, ...) are NOT modelled: fixtures keep them off the path to a flagged call.
7. torch.is_autocast_enabled() (the CUDA autocast query) reports the CPU autocast state, and
   torch.get_autocast_gpu_dtype() the stand-in for float16 while it is on: code that tests for
   AMP (`if torch.is_autocast_enabled():`, OpenFold's `is_fp16_enabled()`) takes the path a CUDA
   AMP run takes.
8. F.grid_sample: CUDA's grid sampler requires the input and the grid to share a dtype
   (`grid_sampler(): expected input and grid to have same dtype`), and CPU torch 1.13 has no
   bfloat16 kernel. Outside autocast the operand dtypes are checked like CUDA, then the op runs in
   float32 and returns the input's dtype; under autocast (CUDA's promote list) both run in the
   wider dtype, which the result has.
"""
import functools

import torch
import torch.nn as nn
import torch.nn.functional as F

STAND_IN = torch.bfloat16
_installed = False


def _autocast_on():
    return torch.is_autocast_cpu_enabled()


def _type_name(t):
    # Mirrors the c10 ScalarType names used in CUDA's conv message, e.g. "c10::Half", "float".
    # Keyed by name: torch.float16 itself is rebound to bfloat16 once install() has run.
    name = str(t.dtype).replace("torch.", "")
    return {"float32": "float", "float64": "double"}.get(
        name, "c10::" + {"bfloat16": "BFloat16", "float16": "Half"}.get(name, name))


def _check_conv_operands(inp, weight, bias):
    if not isinstance(inp, torch.Tensor):
        return
    if isinstance(weight, torch.Tensor) and weight.dtype != inp.dtype:
        raise RuntimeError(
            f"Input type ({_type_name(inp)}) and weight type ({_type_name(weight)}) should be the same")
    if isinstance(bias, torch.Tensor) and bias.dtype != inp.dtype:
        raise RuntimeError(
            f"Input type ({_type_name(inp)}) and bias type ({_type_name(bias)}) should be the same")


def _strict_conv(orig):
    @functools.wraps(orig)
    def conv(input, weight, bias=None, *args, **kwargs):
        if not _autocast_on():
            _check_conv_operands(input, weight, bias)
        return orig(input, weight, bias, *args, **kwargs)
    return conv


def _transpose_conv(orig):
    @functools.wraps(orig)
    def conv_transpose(input, weight, bias=None, *args, **kwargs):
        if _autocast_on():
            with torch.autocast("cpu", enabled=False):
                out = orig(input.float(), weight.float(),
                           None if bias is None else bias.float(), *args, **kwargs)
            return out.to(STAND_IN)
        _check_conv_operands(input, weight, bias)
        if input.dtype == STAND_IN:
            out = orig(input.float(), weight.float(),
                       None if bias is None else bias.float(), *args, **kwargs)
            return out.to(STAND_IN)
        return orig(input, weight, bias, *args, **kwargs)
    return conv_transpose


def _grid_sample(orig):
    @functools.wraps(orig)
    def grid_sample(input, grid, *args, **kwargs):
        if _autocast_on():
            wide = torch.promote_types(input.dtype, grid.dtype)
            with torch.autocast("cpu", enabled=False):
                return orig(input.float(), grid.float(), *args, **kwargs).to(wide)
        if input.dtype != grid.dtype:
            raise RuntimeError(
                "grid_sampler(): expected input and grid to have same dtype, but input has "
                f"{input.dtype} and grid has {grid.dtype}")
        if input.dtype == STAND_IN:
            return orig(input.float(), grid.float(), *args, **kwargs).to(STAND_IN)
        return orig(input, grid, *args, **kwargs)
    return grid_sample


def _fp32_under_autocast(orig):
    @functools.wraps(orig)
    def op(input, *args, **kwargs):
        if _autocast_on() and input.is_floating_point():
            args = [a.float() if isinstance(a, torch.Tensor) and a.is_floating_point() else a
                    for a in args]
            kwargs = {k: (v.float() if isinstance(v, torch.Tensor) and v.is_floating_point() else v)
                      for k, v in kwargs.items()}
            with torch.autocast("cpu", enabled=False):
                return orig(input.float(), *args, **kwargs)
        return orig(input, *args, **kwargs)
    return op


def _fp32_unless_dtype(orig):
    @functools.wraps(orig)
    def op(input, *args, **kwargs):
        if _autocast_on() and input.is_floating_point() and kwargs.get("dtype") is None \
                and not any(isinstance(a, torch.dtype) for a in args):
            kwargs["dtype"] = torch.float32
        return orig(input, *args, **kwargs)
    return op


class _CudaAutocast(torch.amp.autocast_mode.autocast):
    """torch.autocast / torch.amp.autocast: 'cuda' regions run as CPU bfloat16 autocast."""

    def __init__(self, device_type="cuda", dtype=None, enabled=True, cache_enabled=None):
        if device_type == "cuda":
            device_type, dtype = "cpu", STAND_IN
        super().__init__(device_type, dtype=dtype, enabled=enabled, cache_enabled=cache_enabled)


class _CudaAmpAutocast(torch.amp.autocast_mode.autocast):
    """torch.cuda.amp.autocast(enabled=True, dtype=torch.float16) as CPU bfloat16 autocast."""

    def __init__(self, enabled=True, dtype=None, cache_enabled=True):
        super().__init__("cpu", dtype=STAND_IN, enabled=enabled, cache_enabled=cache_enabled)


def _custom_fwd(fwd=None, *, cast_inputs=None):
    """torch.cuda.amp.custom_fwd, reading the CPU autocast state instead of the CUDA one."""
    if fwd is None:
        return functools.partial(_custom_fwd, cast_inputs=cast_inputs)

    @functools.wraps(fwd)
    def decorate_fwd(*args, **kwargs):
        if cast_inputs is None or not _autocast_on():
            return fwd(*args, **kwargs)
        dst = STAND_IN if cast_inputs in (torch.float16, torch.bfloat16) else cast_inputs
        cast = [a.to(dst) if isinstance(a, torch.Tensor) and a.is_floating_point() else a for a in args]
        with torch.autocast("cpu", enabled=False):
            return fwd(*cast, **kwargs)
    return decorate_fwd


def _half_module(self):
    return self._apply(lambda t: t.to(STAND_IN) if t.is_floating_point() else t)


def install():
    global _installed
    if _installed:
        return
    _installed = True
    torch.float16 = STAND_IN
    torch.half = STAND_IN
    torch.Tensor.half = lambda self, memory_format=torch.preserve_format: self.to(
        STAND_IN, memory_format=memory_format)
    nn.Module.half = _half_module
    torch.Tensor.cuda = lambda self, *a, **k: self
    nn.Module.cuda = lambda self, *a, **k: self

    torch.autocast = _CudaAutocast
    torch.amp.autocast = _CudaAutocast
    torch.cuda.amp.autocast = _CudaAmpAutocast
    torch.cuda.amp.autocast_mode.autocast = _CudaAmpAutocast
    torch.cuda.amp.custom_fwd = _custom_fwd
    gpu_dtype = torch.get_autocast_gpu_dtype
    torch.is_autocast_enabled = lambda *args: _autocast_on()
    torch.get_autocast_gpu_dtype = lambda: STAND_IN if _autocast_on() else gpu_dtype()

    for name in ("conv1d", "conv3d"):
        setattr(F, name, _strict_conv(getattr(F, name)))
        setattr(torch, name, _strict_conv(getattr(torch, name)))
    for name in ("conv_transpose1d", "conv_transpose2d", "conv_transpose3d"):
        setattr(F, name, _transpose_conv(getattr(F, name)))
        setattr(torch, name, _transpose_conv(getattr(torch, name)))

    F.grid_sample = _grid_sample(F.grid_sample)
    F.layer_norm = _fp32_under_autocast(F.layer_norm)
    F.group_norm = _fp32_under_autocast(F.group_norm)
    F.softmax = _fp32_unless_dtype(F.softmax)
    F.log_softmax = _fp32_unless_dtype(F.log_softmax)
    torch.softmax = _fp32_unless_dtype(torch.softmax)
    torch.Tensor.softmax = _fp32_unless_dtype(torch.Tensor.softmax)
