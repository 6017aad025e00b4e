/** The conv/linear ops the rules know, by fully qualified name, with where each operand is passed. */

export interface OperandSpec {
  role: string;
  /** Positional index, or -1 when the operand is keyword-only. */
  index: number;
  /** The op runs this operand through an autocast-covered op first (masked conv's addmm). */
  covered?: boolean;
}

export interface OpSignature {
  operands: OperandSpec[];
  /** A custom (CUDA extension) op that autocast does not cast: DG106 under autocast. */
  custom?: boolean;
  /** The callee casts every other operand to this one's dtype before its kernel: the operands never disagree. */
  castsTo?: string;
  /**
   * Judged only in a class's methods and in the helper functions they call, where an argument is
   * an activation (matrix products); not in a free function analysed on its own.
   */
  moduleOnly?: boolean;
  /**
   * Judged only when a class's method is where the analysis started, directly or through helper
   * functions it calls: a free function analysed on its own may well be given data, not
   * activations (a loss resampling its ground truth).
   */
  fromModule?: boolean;
}

/**
 * Matrix products: both matrices must share a dtype, on CPU and CUDA alike (torch 1.13:
 * `expected scalar type BFloat16 but found Float` for mm, matmul, `@`, bmm and einsum). They are
 * on autocast's float16 list, so autocast covers them. In a free function analysed on its own
 * (geometry helpers, box coders) their operands are coordinates rather than activations: not
 * judged there; a helper a class's method calls is judged with what the method hands it (timm's
 * mixed RoPE multiplies a converted position buffer by `freqs.float()` there).
 */
const MATMUL: OpSignature = {
  operands: [
    { role: 'input', index: 0 },
    { role: 'other', index: 1 },
  ],
  moduleOnly: true,
};
/**
 * `torch.baddbmm(bias, batch1, batch2)`: the two batches must share a dtype (torch 1.13 CPU:
 * `expected scalar type BFloat16 but found Float`; one cuBLAS batched gemm on CUDA). A float32
 * `bias` with bfloat16 batches runs on the CPU, and the CUDA rule for it is not established:
 * only the batches are compared. On autocast's float16 list: covered.
 */
const BADDBMM: OpSignature = {
  operands: [
    { role: 'input', index: 1 },
    { role: 'other', index: 2 },
  ],
  moduleOnly: true,
};
const EINSUM: OpSignature = {
  operands: [
    { role: 'input', index: 1 },
    { role: 'other', index: 2 },
  ],
  moduleOnly: true,
};

/**
 * Functional layer and group norm read `weight` and `bias` in the input's scalar type: a half
 * input with float32 affine tensors raises `expected scalar type Half but found Float` on CUDA
 * (`LayerNormKernelImplInternal<c10::Half>`, pytorch/pytorch#38487 and #135969; mmcv's
 * `patch_norm_fp32` casts GroupNorm's input to float32 for this reason) and
 * `expected scalar type BFloat16 but found Float` on CPU (torch 1.13, the oracle). Both are on
 * autocast's float32 list, which casts every operand: covered. `batch_norm` and `instance_norm`
 * accept a half input with float32 parameters (cuDNN and the CPU kernel alike): not listed.
 */
const LAYER_NORM: OpSignature = {
  operands: [
    { role: 'input', index: 0 },
    { role: 'weight', index: 2 },
    { role: 'bias', index: 3 },
  ],
  moduleOnly: true,
};

/** Tensor methods that are matrix products: `x.mm(w)`, `x.matmul(w)`, `x.bmm(w)`. */
export const MATMUL_METHODS = new Set(['mm', 'matmul', 'bmm']);
export { MATMUL };

/**
 * mmcv's deformable convs cast `input.type_as(offset)`, `weight.type_as(input)` (and bias, mask)
 * inside their autograd Functions, since open-mmlab/mmcv PR #1029 (commit 4bd3b50, 2021-05-23,
 * mmcv 1.3.x; `mmcv/ops/deform_conv.py`, `mmcv/ops/modulated_deform_conv.py`).
 */
const MMCV_DCN_CASTS = 'offset';

const spec = (roles: string[], custom = false, keywordOnly: string[] = []): OpSignature => ({
  operands: [...roles.map((role, index) => ({ role, index })), ...keywordOnly.map((role) => ({ role, index: -1 }))],
  custom,
});

const CONV = spec(['input', 'weight', 'bias']);
const MASKED: OpSignature = {
  operands: [
    { role: 'features', index: 0 },
    { role: 'weight', index: 2, covered: true },
    { role: 'bias', index: 3, covered: true },
  ],
  custom: true,
};

export const CONV_OPS: ReadonlyMap<string, OpSignature> = new Map([
  ...['conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d'].flatMap(
    (name): [string, OpSignature][] => [
      [`torch.nn.functional.${name}`, CONV],
      [`torch.${name}`, CONV],
    ],
  ),
  ['torch.nn.functional.linear', CONV],
  ['torch._C._nn.linear', CONV],
  ['torch.addmm', spec(['bias', 'input', 'weight'])],
  ['torch.mm', MATMUL],
  ['torch.matmul', MATMUL],
  ['torch.bmm', MATMUL],
  ['torch.baddbmm', BADDBMM],
  ['torch.einsum', EINSUM],
  // The grid sampler wants the input and the grid in one dtype (CUDA: `grid_sampler(): expected
  // input and grid to have same dtype`, pytorch/pytorch#2902, NVIDIA/apex#375); autocast's promote
  // list runs both in the wider one.
  ['torch.nn.functional.grid_sample', { ...spec(['input', 'grid']), fromModule: true }],
  ['torch.nn.functional.layer_norm', LAYER_NORM],
  ['torch.layer_norm', LAYER_NORM],
  ['torch.nn.functional.group_norm', LAYER_NORM],
  ['torch.group_norm', LAYER_NORM],
  // Custom ops (DG106): CUDA kernels that autocast does not cover.
  // torchvision registers an autocast kernel for deform_conv2d (it runs in float32): covered.
  [
    'torchvision.ops.deform_conv2d',
    { operands: [...spec(['input', 'offset', 'weight', 'bias']).operands, { role: 'mask', index: 7 }] },
  ],
  [
    'torchvision.ops.deform_conv.deform_conv2d',
    { operands: [...spec(['input', 'offset', 'weight', 'bias']).operands, { role: 'mask', index: 7 }] },
  ],
  ['mmcv.ops.deform_conv2d', { ...spec(['input', 'offset', 'weight'], true), castsTo: MMCV_DCN_CASTS }],
  ['mmcv.ops.deform_conv.deform_conv2d', { ...spec(['input', 'offset', 'weight'], true), castsTo: MMCV_DCN_CASTS }],
  ['mmcv.ops.modulated_deform_conv2d', { ...spec(['input', 'offset', 'mask', 'weight', 'bias'], true), castsTo: MMCV_DCN_CASTS }],
  [
    'mmcv.ops.modulated_deform_conv.modulated_deform_conv2d',
    { ...spec(['input', 'offset', 'mask', 'weight', 'bias'], true), castsTo: MMCV_DCN_CASTS },
  ],
  ['mmcv.ops.carafe', spec(['features', 'masks'], true)],
  ['mmcv.ops.carafe.carafe', spec(['features', 'masks'], true)],
  // The weight goes through torch.addmm (autocast-covered) before the kernel meets the features.
  ['mmcv.ops.masked_conv2d', MASKED],
  ['mmcv.ops.masked_conv.masked_conv2d', MASKED],
]);

/** Module classes whose call is a custom op: forward arguments, then the module's own tensors. */
export interface CustomModuleSpec {
  args: string[];
  /** The module's own operands, by attribute: `weight`, `bias`, or an internal mask. */
  own: string[];
  /** Own operands that come out of an autocast layer inside the module (float16 under every regime). */
  ownIsLayerOutput?: boolean;
  /** The op has an autocast kernel (torchvision): autocast covers it. */
  covered?: boolean;
  /** The module's forward casts its operands to this argument's dtype (see MMCV_DCN_CASTS). */
  castsTo?: string;
}

export const CUSTOM_MODULES: ReadonlyMap<string, CustomModuleSpec> = new Map([
  ['torchvision.ops.DeformConv2d', { args: ['input', 'offset', 'mask'], own: ['weight'], covered: true }],
  ['torchvision.ops.deform_conv.DeformConv2d', { args: ['input', 'offset', 'mask'], own: ['weight'], covered: true }],
  ['mmcv.ops.DeformConv2d', { args: ['input', 'offset'], own: ['weight'], castsTo: MMCV_DCN_CASTS }],
  ['mmcv.ops.deform_conv.DeformConv2d', { args: ['input', 'offset'], own: ['weight'], castsTo: MMCV_DCN_CASTS }],
  ['mmcv.ops.ModulatedDeformConv2d', { args: ['input', 'offset', 'mask'], own: ['weight'], castsTo: MMCV_DCN_CASTS }],
  [
    'mmcv.ops.modulated_deform_conv.ModulatedDeformConv2d',
    { args: ['input', 'offset', 'mask'], own: ['weight'], castsTo: MMCV_DCN_CASTS },
  ],
  ['mmcv.ops.MaskedConv2d', { args: ['input'], own: ['weight'], ownIsLayerOutput: true }],
  ['mmcv.ops.masked_conv.MaskedConv2d', { args: ['input'], own: ['weight'], ownIsLayerOutput: true }],
  ['mmcv.ops.SparseConv3d', { args: ['input'], own: ['weight'] }],
  ['mmcv.ops.SubMConv3d', { args: ['input'], own: ['weight'] }],
  ['mmcv.ops.SparseConv2d', { args: ['input'], own: ['weight'] }],
  ['mmcv.ops.SubMConv2d', { args: ['input'], own: ['weight'] }],
  // The upsampling mask comes out of the module's own content encoder conv.
  ['mmcv.ops.CARAFEPack', { args: ['features'], own: ['masks'], ownIsLayerOutput: true }],
  ['mmcv.ops.carafe.CARAFEPack', { args: ['features'], own: ['masks'], ownIsLayerOutput: true }],
]);

/** torch.nn layer classes whose forward checks the input against the weight. */
export const LAYER_CLASSES = new Set(
  [
    'Conv1d',
    'Conv2d',
    'Conv3d',
    'ConvTranspose1d',
    'ConvTranspose2d',
    'ConvTranspose3d',
    'Linear',
    'Bilinear',
    'LazyConv1d',
    'LazyConv2d',
    'LazyConv3d',
    'LazyLinear',
  ].map((n) => `torch.nn.${n}`),
);

/** Norm layers that mmcv's patch_norm_fp32 keeps in float32. */
export const NORM_CLASSES = new Set(
  ['BatchNorm1d', 'BatchNorm2d', 'BatchNorm3d', 'SyncBatchNorm', 'GroupNorm', 'modules.batchnorm._BatchNorm'].map(
    (n) => `torch.nn.${n}`,
  ),
);

/** Layers autocast runs in float32 (CUDA's fp32 list): their output is float32 under autocast. */
export const FP32_OUTPUT_CLASSES = new Set([
  'torch.nn.GroupNorm',
  'torch.nn.LayerNorm',
  'torch.nn.Softmax',
  'torch.nn.LogSoftmax',
]);

/**
 * torch.nn modules without weights whose output has their input's dtype under every regime
 * (elementwise activations, dropout, identity, pooling, resampling, reshaping, padding): a float32
 * activation stays float32 through them, as it does through their functional forms.
 */
export const KEEP_DTYPE_CLASSES = new Set(
  [
    'Identity',
    'Dropout',
    'Dropout1d',
    'Dropout2d',
    'Dropout3d',
    'AlphaDropout',
    'ReLU',
    'ReLU6',
    'LeakyReLU',
    'GELU',
    'SiLU',
    'Mish',
    'ELU',
    'SELU',
    'CELU',
    'Sigmoid',
    'Tanh',
    'Hardswish',
    'Hardsigmoid',
    'Hardtanh',
    'Softplus',
    'GLU',
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
    'Flatten',
    'Unflatten',
    'ZeroPad2d',
    'ReflectionPad1d',
    'ReflectionPad2d',
    'ReplicationPad1d',
    'ReplicationPad2d',
    'ConstantPad1d',
    'ConstantPad2d',
  ].map((n) => `torch.nn.${n}`),
);

/** The private bases of torch's conv layers: a subclass's `self.weight` is a conv weight. */
export const CONV_BASES = new Set(['torch.nn.modules.conv._ConvNd', 'torch.nn.modules.conv._ConvTransposeNd']);

/** Base classes that give `self.weight` / `self.bias` as parameters. */
export const PARAM_BASES = new Set([
  ...LAYER_CLASSES,
  ...NORM_CLASSES,
  'torch.nn.LayerNorm',
  'torch.nn.Embedding',
  ...CONV_BASES,
  'torch.nn.modules.batchnorm._NormBase',
  'torch.nn.modules.batchnorm._BatchNorm',
]);

/** Layer factories of OpenMMLab that return a conv/linear layer. */
export const LAYER_FACTORIES = new Set([
  'mmcv.cnn.build_conv_layer',
  'mmcv.cnn.ConvModule',
  'mmcv.cnn.bricks.ConvModule',
  'mmcv.cnn.Conv2d',
  'mmcv.cnn.Linear',
  'mmcv.cnn.DepthwiseSeparableConvModule',
]);

/**
 * Calls that load a compiled extension (`ext_module = ext_loader.load_ext('_ext', [...])`,
 * `cpp_extension.load(...)`, `load_inline(...)`): the name bound to the result holds kernels.
 */
export const EXTENSION_LOADERS: readonly string[] = ['load_ext', 'cpp_extension.load', 'load_inline'];

/** Names under which a compiled extension is imported (`from . import _C`, `from mmcv import _ext`). */
export const EXTENSION_MODULE = /\b(\w*_ext|_C)\b(?!\.)/;

/**
 * Every name the tables above know, by table, as a qualified name (a matrix-product method as
 * `torch.Tensor.<name>`): the dtype model judges nothing in a file that names none of them.
 */
export function tableNames(): { table: string; qualified: string }[] {
  const tables: [string, Iterable<string>][] = [
    ['CONV_OPS', CONV_OPS.keys()],
    ['MATMUL_METHODS', [...MATMUL_METHODS].map((m) => `torch.Tensor.${m}`)],
    ['CUSTOM_MODULES', CUSTOM_MODULES.keys()],
    ['LAYER_CLASSES', LAYER_CLASSES],
    ['CONV_BASES', CONV_BASES],
    ['LAYER_FACTORIES', LAYER_FACTORIES],
  ];
  return tables.flatMap(([table, names]) => [...names].map((qualified) => ({ table, qualified })));
}

/** The last segment of every name the tables know (`conv2d`, `mm`, `CARAFEPack`, `build_conv_layer`). */
export function knownOpNames(): string[] {
  return [...new Set(tableNames().map(({ qualified }) => qualified.slice(qualified.lastIndexOf('.') + 1)))];
}
