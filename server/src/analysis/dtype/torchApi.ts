/** What PyTorch functions and tensor methods do to a dtype: create, keep, cast, or leave unknown. */
import { BF16, F16, F32, F64 } from './lattice';

/** Creation functions whose result has the default dtype (float32) unless `dtype=` is given. */
export const CREATORS = new Set(
  [
    'zeros',
    'ones',
    'empty',
    'full',
    'rand',
    'randn',
    'tensor',
    'as_tensor',
    'arange',
    'linspace',
    'logspace',
    'eye',
    'Tensor',
    'FloatTensor',
    'normal',
    'hann_window',
    'hamming_window',
    'blackman_window',
    'kaiser_window',
    'bartlett_window',
  ]
    .map((n) => `torch.${n}`)
    .concat(['torch.cuda.FloatTensor']),
);

/** Creators that follow an existing tensor: `torch.zeros_like(x)` and friends. */
export const LIKE = new Set(
  ['zeros_like', 'ones_like', 'empty_like', 'full_like', 'rand_like', 'randn_like'].map((n) => `torch.${n}`),
);

/** `x.new_*`: the new tensor takes x's dtype unless `dtype=` is given. */
export const NEW_METHODS = new Set(['new_zeros', 'new_ones', 'new_empty', 'new_full', 'new_tensor', 'new']);

/** Methods that return a tensor of the receiver's dtype. */
export const KEEP_METHODS = new Set([
  'view',
  'view_as',
  'reshape',
  'reshape_as',
  'permute',
  'transpose',
  'flatten',
  'unflatten',
  'unsqueeze',
  'squeeze',
  'contiguous',
  'clone',
  'detach',
  'expand',
  'expand_as',
  'repeat',
  'repeat_interleave',
  't',
  'flip',
  'roll',
  'narrow',
  'cpu',
  'cuda',
  'pin_memory',
  'requires_grad_',
  'detach_',
  'sum',
  'mean',
  'pow',
  'sqrt',
  'rsqrt',
  'exp',
  'log',
  'abs',
  'neg',
  'relu',
  'sigmoid',
  'tanh',
  'clamp',
  'clamp_',
  'clamp_min',
  'clamp_max',
  'softmax',
  'log_softmax',
  'norm',
  'std',
  'var',
  'max',
  'min',
  'amax',
  'amin',
  'cumsum',
  'prod',
  'reciprocal',
  'sin',
  'cos',
  'floor',
  'ceil',
  'round',
  'sign',
  'tril',
  'triu',
  'diag',
  'diagonal',
  'index_select',
  'gather',
  'masked_fill',
  'masked_fill_',
  'fill_',
  'zero_',
  'mul_',
  'add_',
  'sub_',
  'div_',
  'copy_',
  'normal_',
  'uniform_',
  'unfold',
  'movedim',
  'swapaxes',
  'squeeze_',
  'unsqueeze_',
  'abs_',
  'exp_',
  'sigmoid_',
  'relu_',
  'type_as_',
  'select',
  'split',
  'chunk',
  'unbind',
  'tensor_split',
  'float_power_',
  'logsumexp',
  'square',
  'addcmul',
  'lerp',
  'sort',
  'topk',
  'kthvalue',
  'median',
  'mode',
]);

/** Methods whose result promotes with their first argument, like the operator. */
export const ARITH_METHODS = new Set(['add', 'sub', 'mul', 'div', 'matmul', 'mm', 'bmm', 'true_divide', 'maximum', 'minimum']);

/** Methods that return a sequence of tensors of the receiver's dtype. */
export const SPLIT_METHODS = new Set(['split', 'chunk', 'unbind', 'tensor_split']);

/** Methods and casts to a fixed dtype. */
export const CAST_METHODS: ReadonlyMap<string, number> = new Map([
  ['float', F32],
  ['double', F64],
  ['half', F16],
  ['bfloat16', BF16],
]);

/** Dtype names (after `torch.`) and the tensor-type names `.type()` accepts. */
export const DTYPE_NAMES: ReadonlyMap<string, number> = new Map([
  ['float32', F32],
  ['float', F32],
  ['float64', F64],
  ['double', F64],
  ['float16', F16],
  ['half', F16],
  ['bfloat16', BF16],
  ['FloatTensor', F32],
  ['DoubleTensor', F64],
  ['HalfTensor', F16],
  ['BFloat16Tensor', BF16],
]);

/** Integer and boolean dtypes and tensor types: tensors of these never take part in a float mismatch. */
export const INTEGRAL_DTYPE_NAMES = new Set([
  'int',
  'int8',
  'int16',
  'int32',
  'int64',
  'long',
  'short',
  'uint8',
  'bool',
  'IntTensor',
  'LongTensor',
  'ShortTensor',
  'ByteTensor',
  'CharTensor',
  'BoolTensor',
]);

/** Whether a fully qualified name (`torch.int64`, `torch.cuda.IntTensor`) is an integer or boolean dtype. */
export function isIntegralDtype(qualified: string): boolean {
  const m = /^torch\.(?:cuda\.)?(\w+)$/.exec(qualified);
  return !!m && INTEGRAL_DTYPE_NAMES.has(m[1]!);
}

/** A fully qualified dtype constant (`torch.float16`, `torch.cuda.HalfTensor`) → bits, or 0. */
export function dtypeConstant(qualified: string): number {
  const m = /^torch\.(?:cuda\.)?(\w+)$/.exec(qualified);
  return m ? (DTYPE_NAMES.get(m[1]!) ?? 0) : 0;
}

/** Functions of torch / torch.nn.functional that return integers or booleans: not float operands. */
export const NON_FLOAT = new Set([
  'argmax',
  'argmin',
  'argsort',
  'nonzero',
  'bucketize',
  'searchsorted',
  'randint',
  'randperm',
  'numel',
  'is_tensor',
  'isnan',
  'isinf',
  'isfinite',
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  'logical_and',
  'logical_or',
  'logical_not',
  'any',
  'all',
  'equal',
  'one_hot',
  'meshgrid_int',
  'long',
  'int',
  'bool',
  'byte',
  'short',
  'size',
  'dim',
  'item',
  'tolist',
  'numpy',
  'data_ptr',
  'element_size',
  'nelement',
  'is_floating_point',
  'is_contiguous',
  'get_device',
  'stride',
]);

/** torch functions whose result promotes across all tensor arguments (lists included). */
export const COMBINE = new Set([
  'cat',
  'concat',
  'concatenate',
  'stack',
  'hstack',
  'vstack',
  'dstack',
  'where',
  'einsum',
  'matmul',
  'mm',
  'bmm',
  'add',
  'sub',
  'mul',
  'div',
  'maximum',
  'minimum',
  'addmm',
  'baddbmm',
  'outer',
  'cdist',
  'lerp',
]);

/**
 * Autocast runs these in float32, so under autocast their output is float32 whatever their input:
 * PyTorch's "CUDA Ops that can autocast to float32" (docs/source/amp.rst, torch 1.6 to 2.x; the
 * losses of that list are left out, nothing downstream of a loss meets a layer). `__pow__` is
 * the `**` operator (exprs.ts).
 */
export const AUTOCAST_FP32 = new Set([
  'acos',
  'asin',
  'cosh',
  'cdist',
  'cosine_similarity',
  'cumprod',
  'cumsum',
  'dist',
  'erfinv',
  'exp',
  'expm1',
  'group_norm',
  'layer_norm',
  'log',
  'log_softmax',
  'log10',
  'log1p',
  'log2',
  'norm',
  'normalize',
  'pdist',
  'pow',
  'prod',
  'reciprocal',
  'renorm',
  'rsqrt',
  'sinh',
  'softmax',
  'softmin',
  'softplus',
  'sum',
  'tan',
]);

/** Reductions: over every element they give a 0-dim tensor; over a dimension, one dimension fewer. */
export const REDUCTIONS = new Set([
  'sum',
  'mean',
  'prod',
  'norm',
  'amax',
  'amin',
  'std',
  'var',
  'logsumexp',
  'nansum',
  'nanmean',
]);
