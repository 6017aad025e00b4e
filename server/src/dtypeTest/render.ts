/** The pytest text of a dtype test: shared helpers once per file, then one parametrised test per class. */
import type { TestPlan } from './plan';

/** The marker of the shared part: a file that has it is extended, not rewritten. */
export const HELPERS_MARKER = 'def run_regime(model, inputs, regime';

export function header(): string {
  return `"""Dtype tests: each module's forward under float32, bfloat16, float16 and autocast.

Written by dtype-guard dtype-test. A failing case names the precision regime that
breaks the module; a skipped case says why (no kernels for that dtype on this device,
or a value to fill in).
"""
import re
import sys
from pathlib import Path

import pytest
import torch
`;
}

export function helpers(): string {
  return `DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")
# autocast computes in float16 on CUDA; on the CPU its kernels are bfloat16.
AUTOCAST_DTYPE = torch.float16 if DEVICE.type == "cuda" else torch.bfloat16
# Each case: the dtype of the model and its inputs, and whether autocast is on.
REGIMES = {
    "float32": (torch.float32, False),
    "bfloat16": (torch.bfloat16, False),
    "half": (torch.float16, False),
    "autocast": (torch.float32, True),
}
DTYPE_ERROR = re.compile(
    r"should be the same|expected scalar type|Expected object of scalar type"
    r"|same dtype|mixed dtype"
)


def skip_without_kernels(regime):
    if regime == "half" and DEVICE.type == "cpu":
        pytest.skip("float16 has few CPU kernels; the bfloat16 case stands in for it")
    if regime == "bfloat16" and DEVICE.type == "cuda":
        if not torch.cuda.is_bf16_supported():
            pytest.skip("this GPU has no bfloat16 kernels")


def convert(value, dtype):
    """Floating tensors, also inside tuples, lists and dicts, to dtype on DEVICE."""
    if isinstance(value, torch.Tensor):
        value = value.to(DEVICE)
        return value.to(dtype) if value.is_floating_point() else value
    if isinstance(value, (list, tuple)):
        return type(value)(convert(v, dtype) for v in value)
    if isinstance(value, dict):
        return {k: convert(v, dtype) for k, v in value.items()}
    return value


def floating_tensors(value):
    if isinstance(value, torch.Tensor):
        if value.is_floating_point():
            yield value
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from floating_tensors(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from floating_tensors(v)


def run_regime(model, inputs, regime, own_autocast=False):
    """Runs the forward under one regime; fails naming it on a dtype error."""
    dtype, autocast = REGIMES[regime]
    # Inference mode: BatchNorm uses its running statistics.
    model = model.to(DEVICE).train(False)
    model = model.half() if regime == "half" else model.to(dtype)
    if regime != "float32":
        # OpenMMLab's fp16 setup switches on @auto_fp16 / @force_fp32 through this flag.
        for module in model.modules():
            if hasattr(module, "fp16_enabled"):
                module.fp16_enabled = True
    inputs = convert(inputs, torch.float16 if regime == "half" else dtype)
    try:
        amp = torch.autocast(DEVICE.type, dtype=AUTOCAST_DTYPE, enabled=autocast)
        with torch.no_grad(), amp:
            out = model(*inputs)
    except RuntimeError as error:
        if DTYPE_ERROR.search(str(error)):
            pytest.fail(f"dtype mismatch under {regime}: {error}")
        raise
    # float32 outputs are allowed (scores kept in float32 on purpose, autocast's float32
    # ops), and the autocast dtype where autocast is on or the module opens a region.
    expected = {torch.float16 if regime == "half" else dtype, torch.float32}
    if autocast or own_autocast:
        expected.add(AUTOCAST_DTYPE)
    for tensor in floating_tensors(out):
        assert tensor.dtype in expected, f"under {regime} the output is {tensor.dtype}"
    return out
`;
}

/** snake_case of a class name, for function names: `FusedBiasConv` → `fused_bias_conv`. */
export function snake(name: string): string {
  return name
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1_$2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1_$2')
    .toLowerCase();
}

export function testName(className: string): string {
  return `test_${snake(className)}_dtypes`;
}

/** The maker and the parametrised test of one class. */
export function section(plan: TestPlan): string {
  const fn = snake(plan.className);
  const lines: string[] = [];
  lines.push(`def make_${fn}():`);
  lines.push(`    """${plan.className} built with its __init__ defaults, and a sample input."""`);
  const placeholders: string[] = [];
  for (const a of plan.args) {
    if (a.value === undefined) placeholders.push(a.name);
    lines.push(`    ${a.name} = ${a.value ?? 'None'}  # ${a.value === undefined ? 'PLACEHOLDER: ' : ''}${a.reason}`);
  }
  for (const i of plan.inputs) {
    if (i.value === undefined) placeholders.push(i.name);
    lines.push(`    ${i.name} = ${i.value ?? 'None'}  # ${i.value === undefined ? 'PLACEHOLDER: ' : ''}${i.reason}`);
  }
  if (placeholders.length) {
    lines.push(`    if any(value is None for value in (${placeholders.join(', ')}${placeholders.length === 1 ? ',' : ''})):`);
    lines.push(`        pytest.skip("fill in the PLACEHOLDER values in make_${fn}()")`);
  }
  const call = plan.args.map((a) => `${a.name}=${a.name}`).join(', ');
  lines.push(`    model = ${plan.className}(${call})`);
  const inputs = plan.inputs.map((i) => i.name);
  lines.push(`    return model, (${inputs.join(', ')}${inputs.length === 1 ? ',' : ''})`);
  lines.push('', '');
  lines.push(`@pytest.mark.parametrize("regime", list(REGIMES))`);
  lines.push(`def ${testName(plan.className)}(regime):`);
  lines.push(`    skip_without_kernels(regime)`);
  lines.push(`    torch.manual_seed(0)`);
  lines.push(`    model, inputs = make_${fn}()`);
  lines.push(`    run_regime(model, inputs, regime${plan.ownAutocast ? ', own_autocast=True' : ''})`);
  return lines.join('\n') + '\n';
}

/** The `sys.path` line and the import of one class. */
export function importLines(pathExpr: string, module: string, className: string): { path: string; from: string } {
  return {
    path: `sys.path.insert(0, str(${pathExpr}))`,
    from: `from ${module} import ${className}  # noqa: E402`,
  };
}
