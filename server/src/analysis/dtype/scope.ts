/** Which files the dtype model judges: PyTorch code, and tests only where they exercise half precision. */
import path from 'node:path';
import type { ImportMap } from '../imports';
import type { SourceText } from '../syntax';

/** Packages built on PyTorch: a file that imports one of them can reach torch's ops. */
const TORCH_FAMILY =
  /^(torch|torchvision|torchaudio|mmcv|mmengine|mmdet|mmdet3d|mmseg|mmrotate|mmpose|mmcls|mmpretrain|mmyolo|mmocr|mmaction|mmtrack|mmedit|mmagic|mmgen|timm|detectron2|fvcore|pytorch_lightning|lightning|transformers|diffusers|yolox|ultralytics)(\.|$)/;

/** Other array frameworks: their code has names like torch's (`Conv2D`, `zeros`) and none of its dtype rules. */
const OTHER_FRAMEWORK = /^(tensorflow|keras|tf_keras|jax|flax|paddle|mindspore|mxnet|oneflow)(\.|$)/;

/** A relative or star import may bring torch names in from the project itself. */
const PROJECT_IMPORT = /^[ \t]*from[ \t]+(\.|\S+[ \t]+import[ \t]+\*)/m;

/**
 * Whether the file can be PyTorch code: it imports torch or a library built on it, or, importing no
 * other framework, takes names from its own project (`from .layers import *`).
 */
export function mayBeTorchCode(imports: ImportMap, source: SourceText): boolean {
  let other = false;
  for (const target of imports.values()) {
    if (TORCH_FAMILY.test(target)) return true;
    if (OTHER_FRAMEWORK.test(target)) other = true;
  }
  return !other && source.some((part) => PROJECT_IMPORT.test(part));
}

/** pytest's default discovery: `test_*.py`, `*_test.py`, and `conftest.py`. */
export function isTestFile(file: string): boolean {
  const base = path.basename(file);
  return /^test_.*\.py$|_test\.py$|^conftest\.py$/.test(base);
}

/** Words that show a test exercises reduced precision or AMP. */
const PRECISION_WORDS = /\b(half|float16|bfloat16|fp16|bf16|autocast|amp|HalfTensor)\b/;

/** A test module runs its models only under the regimes it sets up: one that never mentions half precision runs them in float32. */
export function testRunsInFloat32(file: string | undefined, source: SourceText): boolean {
  return !!file && isTestFile(file) && !source.some((part) => PRECISION_WORDS.test(part));
}
