/**
 * Modules that hold no tensors (loss objects, activations, pooling): built after `.half()` or kept
 * in a plain dict, they leave nothing unconverted, so calling one is not a DG103 risk.
 */
import type { SyntaxNode as Node } from '../syntax';
import { qualify, type ImportMap } from '../imports';
import { dottedName } from '../nodeHelpers';
import type { ClassFacts } from './classFacts';
import { classNamed, type FileState } from './context';

/** torch.nn classes that never register a parameter or a buffer. */
const STATELESS_CLASSES = new Set(
  [
    // Losses without a weight argument.
    'L1Loss',
    'MSELoss',
    'SmoothL1Loss',
    'HuberLoss',
    'KLDivLoss',
    'CosineEmbeddingLoss',
    'MarginRankingLoss',
    'HingeEmbeddingLoss',
    'SoftMarginLoss',
    'MultiLabelMarginLoss',
    'TripletMarginLoss',
    'TripletMarginWithDistanceLoss',
    'CTCLoss',
    'PoissonNLLLoss',
    'GaussianNLLLoss',
    // Activations, dropout, reshaping and pooling (PReLU has a weight: not listed).
    'ReLU',
    'ReLU6',
    'LeakyReLU',
    'ELU',
    'GELU',
    'SiLU',
    'Mish',
    'Sigmoid',
    'Tanh',
    'Hardswish',
    'Hardsigmoid',
    'Softplus',
    'Softmax',
    'LogSoftmax',
    'Dropout',
    'Dropout1d',
    'Dropout2d',
    'Dropout3d',
    'Identity',
    'Flatten',
    'Unflatten',
    'MaxPool1d',
    'MaxPool2d',
    'MaxPool3d',
    'AvgPool1d',
    'AvgPool2d',
    'AvgPool3d',
    'AdaptiveAvgPool1d',
    'AdaptiveAvgPool2d',
    'AdaptiveAvgPool3d',
    'AdaptiveMaxPool1d',
    'AdaptiveMaxPool2d',
    'AdaptiveMaxPool3d',
    'Upsample',
    'PixelShuffle',
    'PixelUnshuffle',
  ].map((n) => `torch.nn.${n}`),
);

/**
 * Losses that register a `weight` (BCEWithLogitsLoss also `pos_weight`) buffer when given one:
 * stateless only when built with keyword arguments that are neither.
 */
const WEIGHTED_LOSSES = new Set(
  ['CrossEntropyLoss', 'NLLLoss', 'BCELoss', 'BCEWithLogitsLoss', 'MultiLabelSoftMarginLoss', 'MultiMarginLoss'].map(
    (n) => `torch.nn.${n}`,
  ),
);

/** Bases that add no tensors: a subclass holds only what its own methods assign. */
const STATELESS_BASES = new Set(['torch.nn.Module', 'torch.nn.modules.module.Module', 'torch.nn.modules.loss._Loss']);

/** `nn.L1Loss()`, `nn.CrossEntropyLoss(reduction='none')`: a torch.nn module built with nothing to convert. */
export function isStatelessTorchModule(call: Node, imports: ImportMap): boolean {
  if (call.type !== 'call') return false;
  const name = dottedName(call.childForFieldName('function'));
  const q = name ? qualify(name, imports) : undefined;
  if (!q) return false;
  if (STATELESS_CLASSES.has(q)) return true;
  if (!WEIGHTED_LOSSES.has(q)) return false;
  const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment') ?? [];
  return args.every(
    (a) => a.type === 'keyword_argument' && !['weight', 'pos_weight'].includes(a.childForFieldName('name')?.text ?? ''),
  );
}

/**
 * A class of this file whose instances hold no tensors: its bases add none and every attribute
 * its methods assign is a plain value or a stateless module. A base or an attribute the file does
 * not explain (another file's class, a factory's result) keeps it a possible holder.
 */
export function holdsNoTensors(cls: ClassFacts, file: FileState, depth = 0): boolean {
  if (cls.baseParams || cls.customBase || cls.autogradFunction || depth > 4) return false;
  for (const base of cls.bases) {
    if (STATELESS_BASES.has(base)) continue;
    const parent = classNamed(file, base);
    if (!parent || parent === cls || !holdsNoTensors(parent, file, depth + 1)) return false;
  }
  for (const fact of cls.attrs.values()) {
    if (fact.kind === 'submodule' && fact.value && isStatelessTorchModule(fact.value, file.imports)) continue;
    if (fact.kind === 'submodule' && fact.module?.className) {
      const held = classNamed(file, fact.module.className);
      if (held && held !== cls && holdsNoTensors(held, file, depth + 1)) continue;
      return false;
    }
    if (fact.kind !== 'other') return false;
    if (fact.value && makesObjects(fact.value, file.imports)) return false;
  }
  return true;
}

/** Whether an attribute's value calls anything but a stateless torch.nn class (a factory may return a layer). */
function makesObjects(value: Node, imports: ImportMap, depth = 0): boolean {
  if (depth > 12) return true;
  if (value.type === 'call' && !isStatelessTorchModule(value, imports)) return true;
  if (value.type === 'call') return false;
  return value.namedChildren.some((c) => !!c && makesObjects(c, imports, depth + 1));
}
