/** What PyTorch functions and tensor methods do to a dtype: create, keep, cast, or leave unknown. */
import { BF16, F16, F32, F64, type Bits } from './lattice';

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
const NEW_METHODS = ['new_zeros', 'new_ones', 'new_empty', 'new_full', 'new_tensor', 'new'];

/** Methods that return a tensor of the receiver's dtype. */
const KEEP_METHODS = [
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
  'nansum',
  'nanmean',
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
];

/** Methods whose result promotes with their first argument, like the operator. */
const ARITH_METHODS = ['add', 'sub', 'mul', 'div', 'matmul', 'mm', 'bmm', 'true_divide', 'maximum', 'minimum'];

/** Methods that return a sequence of tensors of the receiver's dtype. */
const SPLIT_METHODS = ['split', 'chunk', 'unbind', 'tensor_split'];

/** Methods and casts to a fixed dtype. */
export const CAST_METHODS: ReadonlyMap<string, Bits> = new Map([
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

/**
 * The names of AUTOCAST_FP32 that are torch / torch.nn.functional functions only, not methods of
 * torch.Tensor (torch 1.13): they get no row in TENSOR_METHODS.
 */
const FUNCTIONS_ONLY = new Set([
  'cdist',
  'cosine_similarity',
  'group_norm',
  'layer_norm',
  'normalize',
  'pdist',
  'softmin',
  'softplus',
]);

/** Methods whose result is 0-dim whatever the arguments: `a.dist(b)` is the norm of `a - b`. */
export const ZERO_DIM = new Set(['dist']);

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

/** Methods that give an integer or boolean tensor. */
const INTEGRAL_METHODS = ['long', 'int', 'bool', 'byte', 'short', 'argmax', 'argmin'];

/** Methods that give a tensor of at least one dimension whatever the receiver's rank. */
const RESHAPES = new Set([
  'repeat',
  'expand',
  'expand_as',
  'view',
  'reshape',
  'view_as',
  'reshape_as',
  'unsqueeze',
  'flatten',
  'repeat_interleave',
]);

/**
 * What a tensor method gives, from its receiver and arguments (methods.ts applies it): a cast to
 * `bits`; `.to`, `.type`, `.type_as`, softmax's `dtype=`; a new tensor of the receiver's dtype
 * (`new_*`); promotion with the first argument; a sequence of the receiver's dtype; the receiver's
 * dtype; an integer tensor; whether the receiver is a float tensor (`is_floating_point`, a Python
 * bool the branches read); or nothing known ('none', a row that only carries flags).
 */
export type MethodTransfer =
  'cast' | 'to' | 'type' | 'type-as' | 'softmax' | 'new' | 'arith' | 'split' | 'keep' | 'integral' | 'float-test' | 'none';

export interface TensorMethod {
  transfer: MethodTransfer;
  /** The dtype a 'cast' gives. */
  bits?: Bits;
  /** Reduces over all elements or a dimension (REDUCTIONS): may give a 0-dim tensor. */
  reduction?: boolean;
  /** Gives a 0-dim tensor whatever its arguments (ZERO_DIM). */
  zeroDim?: boolean;
  /** On autocast's float32 list (AUTOCAST_FP32): float32 under autocast. */
  autocastFp32?: boolean;
  /** Gives a tensor of at least one dimension whatever the receiver's rank. */
  reshape?: boolean;
}

/** The one table of tensor methods, keyed by method name; the first transfer listed for a name wins. */
export const TENSOR_METHODS: ReadonlyMap<string, TensorMethod> = (() => {
  const table = new Map<string, TensorMethod>();
  const add = (names: Iterable<string>, transfer: MethodTransfer, bits?: Bits) => {
    for (const name of names) if (!table.has(name)) table.set(name, { transfer, ...(bits ? { bits } : {}) });
  };
  for (const [name, bits] of CAST_METHODS) add([name], 'cast', bits);
  add(['to'], 'to');
  add(['type'], 'type');
  add(['type_as'], 'type-as');
  add(['softmax', 'log_softmax'], 'softmax');
  add(NEW_METHODS, 'new');
  add(ARITH_METHODS, 'arith');
  add(SPLIT_METHODS, 'split');
  add(KEEP_METHODS, 'keep');
  add(INTEGRAL_METHODS, 'integral');
  add(['is_floating_point'], 'float-test');
  add([...REDUCTIONS, ...[...AUTOCAST_FP32].filter((name) => !FUNCTIONS_ONLY.has(name)), ...RESHAPES], 'none');
  for (const [name, row] of table) {
    if (REDUCTIONS.has(name)) row.reduction = true;
    if (ZERO_DIM.has(name)) row.zeroDim = true;
    if (AUTOCAST_FP32.has(name)) row.autocastFp32 = true;
    if (RESHAPES.has(name)) row.reshape = true;
  }
  return table;
})();
