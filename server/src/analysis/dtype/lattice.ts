/**
 * The dtype lattice: every tensor value carries, per precision regime, the set of dtypes it may
 * have, plus the cause of that dtype (which decides the rule) and the steps that produced it.
 */

/** The regimes, in the order a finding names them. */
export const REGIMES = ['half', 'mmcv-fp16', 'autocast'] as const;
export type Regime = (typeof REGIMES)[number];

/** A set of dtypes, one bit each; 0 means not known. */
export type Bits = number;

/** Dtype bits. ACT is an activation under autocast whose precision depends on the layer before. */
export const F16: Bits = 1;
export const BF16: Bits = 2;
export const F32: Bits = 4;
export const F64: Bits = 8;
export const ACT: Bits = 16;
/** No dtype known. */
export const NO_DTYPE: Bits = 0;

/** Per regime, the set of dtypes a value may have there. */
export type PerRegime = Readonly<Record<Regime, Bits>>;

/** The same dtypes under every regime. */
export function sameUnderAll(bits: Bits): PerRegime {
  return { half: bits, 'mmcv-fp16': bits, autocast: bits };
}

/** The dtypes per regime that `f` gives. */
export function perRegime(f: (regime: Regime) => Bits): PerRegime {
  return { half: f('half'), 'mmcv-fp16': f('mmcv-fp16'), autocast: f('autocast') };
}

/** `d` with other dtypes under autocast (what autocast does to an op's output or operands). */
export function underAutocast(d: PerRegime, bits: Bits): PerRegime {
  return { ...d, autocast: bits };
}

export const NO_DTYPES: PerRegime = Object.freeze(sameUnderAll(NO_DTYPE));

/** Why a tensor has its dtype: followers take the model's or the input's dtype, the rest do not. */
export type Cause =
  | 'input' // a function argument / activation
  | 'module' // a registered parameter, buffer or submodule output
  | 'fresh' // created with the default dtype (DG101)
  | 'numpy' // torch.from_numpy of a float64 array (DG101)
  | 'cast' // an explicit float cast (DG102)
  | 'unconverted' // skipped by module conversion (DG103)
  | 'promoted' // an activation promoted by arithmetic with a float32 tensor (DG104)
  | 'norm'; // a norm layer's statistics, float32 under mmcv-fp16

export interface Step {
  /** 0-based line. */
  line: number;
  text: string;
}

/** A tensor: its dtypes per regime and why it has them. */
export interface TensorValue {
  kind: 'tensor';
  d: PerRegime;
  cause?: Cause;
  steps: Step[];
  /** Cast by the region's decorator (`force_fp32`, `custom_fwd`): a DG105 cause. */
  regionCast?: boolean;
  /** A sparse tensor wrapping these features (`SparseConvTensor(features, ...)`): fixes cast the features. */
  sparseFeatures?: import('../syntax').SyntaxNode;
  /** A boolean or integer tensor (a comparison, `torch.arange(n)`): true division or a float scalar makes it float32. */
  boolMask?: boolean;
  /** A 0-dim tensor: does not promote a dimensioned tensor. */
  zeroDim?: boolean;
  /** Where the dtype was decided: the creation call or the attribute's definition, for fixes. */
  origin?: import('../syntax').SyntaxNode;
}

/** A dtype object (`torch.float32`, `x.dtype`): the dtypes it names per regime. */
export interface DtypeValue {
  kind: 'dtype';
  d: PerRegime;
  cause?: Cause;
  steps: Step[];
  /** An integer or boolean dtype: what it makes is never a float operand. */
  boolMask?: boolean;
}

export interface ScalarValue {
  kind: 'scalar';
  steps: Step[];
  /** A literal True/False, so `if half:` with a known flag takes one branch. */
  constant?: boolean;
}

/** A tuple or list, item by item. */
export interface SeqValue {
  kind: 'seq';
  steps: Step[];
  items: Value[];
}

/** A layer of the module (`self.conv`). */
export interface SubmoduleValue {
  kind: 'submodule';
  steps: Step[];
  module: SubmoduleInfo;
}

/** A model at script level, with the dtype it was converted to (0: not converted). */
export interface ModelValue {
  kind: 'model';
  steps: Step[];
  modelDtype: Bits;
  module?: SubmoduleInfo;
}

/** `self` inside a method, or anything the model does not follow. */
export interface PlainValue {
  kind: 'self' | 'other';
  steps: Step[];
}

/** What an expression evaluates to; the compiler checks which fields each kind has. */
export type Value = TensorValue | DtypeValue | ScalarValue | SeqValue | SubmoduleValue | ModelValue | PlainValue;
export type Kind = Value['kind'];

/** An integer or boolean tensor or dtype: it takes part in no float mismatch. */
export const isIntegral = (v: Value | undefined): boolean => (v?.kind === 'tensor' || v?.kind === 'dtype') && !!v.boolMask;

/** Why a tensor or dtype has its dtypes. */
export const causeOf = (v: Value): Cause | undefined => (v.kind === 'tensor' || v.kind === 'dtype' ? v.cause : undefined);

/** A literal True/False, when the value is one. */
/** Exactly one known dtype (not several, not the activation dtype, not unknown). */
export const isSingleDtype = (bits: Bits | undefined): boolean => !!bits && bits !== ACT && (bits & (bits - 1)) === 0;

export const constantOf = (v: Value | undefined): boolean | undefined => (v?.kind === 'scalar' ? v.constant : undefined);

/** What a layer or model value is, when it is one. */
export const moduleOf = (v: Value | undefined): SubmoduleInfo | undefined =>
  v?.kind === 'submodule' || v?.kind === 'model' ? v.module : undefined;

/** The dtypes of a value per regime: none for what is neither a tensor nor a dtype. */
export function dtypesOf(v: Value): PerRegime {
  return v.kind === 'tensor' || v.kind === 'dtype' ? v.d : NO_DTYPES;
}

export interface SubmoduleInfo {
  /** conv-like layers check their input against their weight; norm layers keep fp32 stats under mmcv. */
  family: 'conv' | 'linear' | 'norm' | 'container' | 'custom';
  /** Kept out of the module tree (plain list, plain object, created in forward): never converted. */
  unconverted?: boolean;
  /** The attribute or local text (`self.conv`), for messages and fixes. */
  text: string;
  /** Where it was created, for messages. */
  line?: number;
  how?: string;
  /** A custom-op layer (deformable conv, CARAFE, ...): its forward arguments and own tensors. */
  custom?: import('../ops').CustomModuleSpec;
  /** GroupNorm / LayerNorm / Softmax: autocast runs them in float32. */
  fp32Out?: boolean;
  /** A weightless torch.nn module whose output has its input's dtype (KEEP_DTYPE_CLASSES). */
  keepsDtype?: boolean;
  /** A class of this file: its forward runs inline at the call. */
  className?: string;
  /** The definition of a plain container of layers, for the ModuleList fix. */
  statement?: import('../syntax').SyntaxNode;
}

export const UNKNOWN: Value = Object.freeze<Value>({ kind: 'other', steps: [] });
export const SCALAR: ScalarValue = Object.freeze<ScalarValue>({ kind: 'scalar', steps: [] });
/** An integer or boolean dtype (`torch.int64`, `torch.IntTensor`): what it makes is never a float operand. */
/** `y.dtype` of a `y` the model does not follow: a dtype, not known which (not a device, not a tensor). */
export const UNKNOWN_DTYPE: DtypeValue = Object.freeze<DtypeValue>({ kind: 'dtype', d: NO_DTYPES, steps: [] });
/** A dtype value that names a dtype under some regime (not UNKNOWN_DTYPE). */
export const isKnownDtype = (v: Value | undefined): v is DtypeValue =>
  v?.kind === 'dtype' && REGIMES.some((r) => v.d[r] !== NO_DTYPE);

/** A tensor made in `dtype` (`new_zeros(..., dtype=d)`, `softmax(x, dtype=d)`), or unknown when `d` names none. */
export function tensorOfDtype(dtype: DtypeValue, step: Step): Value {
  return isKnownDtype(dtype) ? { kind: 'tensor', d: dtype.d, cause: dtype.cause, steps: [...dtype.steps, step] } : UNKNOWN;
}
export const INTEGRAL_DTYPE: Value = Object.freeze<Value>({ kind: 'dtype', d: NO_DTYPES, steps: [], boolMask: true });

/** An integer or boolean tensor: it takes part in no float mismatch, and float arithmetic makes it float32. */
export function integral(step?: Step): TensorValue {
  return { kind: 'tensor', d: NO_DTYPES, steps: step ? [step] : [], boolMask: true };
}

/** A sequence of these items. */
export function seq(items: Value[]): SeqValue {
  return { kind: 'seq', steps: [], items };
}

/** The dtypes per regime a tensor of each cause has. */
export const BY_CAUSE: Record<Cause, PerRegime> = {
  // Under autocast an argument has the dtype of the layer that made it, in another module (float16
  // after a conv, float32 after a norm, a softmax or at the model's entry): the activation dtype,
  // which agrees with any operand. Taken as float32, it reported CARAFE and deformable RoI pooling
  // fed by FPN features (float16, like the masks and offsets their own convs make).
  input: { half: F16, 'mmcv-fp16': F16, autocast: ACT },
  module: { half: F16, 'mmcv-fp16': F16, autocast: F32 },
  norm: { half: F16, 'mmcv-fp16': F32, autocast: F32 },
  fresh: sameUnderAll(F32),
  numpy: sameUnderAll(F64),
  cast: sameUnderAll(F32),
  unconverted: sameUnderAll(F32),
  promoted: sameUnderAll(F32),
};

/** Output of a conv/linear submodule: half under every regime (autocast runs them in float16). */
export const LAYER_OUT: PerRegime = sameUnderAll(F16);

export function tensor(cause: Cause, step?: Step, d: PerRegime = BY_CAUSE[cause]): TensorValue {
  return { kind: 'tensor', d, cause, steps: step ? [step] : [] };
}

export const isFollower = (cause: Cause | undefined): boolean => cause === 'input' || cause === 'module' || cause === 'norm';

/** The step a node adds to a value's story: its line and (shortened) text. */
export function stepOf(node: import('../syntax').SyntaxNode, text?: string): Step {
  const t = text ?? node.text;
  return { line: node.startPosition.row, text: t.length > 80 ? t.slice(0, 77) + '...' : t };
}

const MAX_STEPS = 6;

export function withStep(v: Value, step: Step | undefined): Value {
  if (!step) return v;
  const last = v.steps[v.steps.length - 1];
  if (last && last.line === step.line && last.text === step.text) return v;
  const steps = [...v.steps, step];
  return { ...v, steps: steps.length > MAX_STEPS ? steps.slice(steps.length - MAX_STEPS) : steps };
}

function mergeSteps(a: Step[], b: Step[]): Step[] {
  const out = [...a];
  for (const s of b) if (!out.some((o) => o.line === s.line && o.text === s.text)) out.push(s);
  return out.length > MAX_STEPS ? out.slice(out.length - MAX_STEPS) : out;
}

/** Join at a control-flow merge: the dtype sets unite; the non-following cause is kept for blame. */
export function join(a: Value | undefined, b: Value | undefined): Value {
  if (!a) return b ?? UNKNOWN;
  if (!b || a === b) return a;
  if (a.kind === 'scalar' && b.kind === 'scalar') return a.constant === b.constant ? a : SCALAR;
  if (a.kind === 'other' || a.kind === 'scalar') return b.kind === 'other' ? a : b;
  if (b.kind === 'other' || b.kind === 'scalar') return a;
  if (a.kind === 'model' && b.kind === 'model')
    return { ...a, modelDtype: a.modelDtype | b.modelDtype, steps: mergeSteps(a.steps, b.steps) };
  if (a.kind === 'seq' && b.kind === 'seq') {
    const n = Math.max(a.items.length, b.items.length);
    const items: Value[] = [];
    for (let i = 0; i < n; i++) items.push(join(a.items[i], b.items[i]));
    return seq(items);
  }
  if (a.kind !== b.kind) return a;
  if ((a.kind !== 'tensor' || b.kind !== 'tensor') && (a.kind !== 'dtype' || b.kind !== 'dtype'))
    return { ...a, steps: mergeSteps(a.steps, b.steps) };
  const d = perRegime((r) => a.d[r] | b.d[r]);
  // The blamed side's provenance comes first, so the message names where the fixed dtype came from.
  const fromB = isFollower(a.cause) && b.cause && !isFollower(b.cause);
  const base = fromB ? b : a;
  return {
    ...base,
    d,
    steps: fromB ? mergeSteps(b.steps, a.steps) : mergeSteps(a.steps, b.steps),
    ...(a.kind === 'tensor' && b.kind === 'tensor' ? { zeroDim: a.zeroDim && b.zeroDim } : {}),
  } as Value;
}

const samePerRegime = (a: PerRegime, b: PerRegime) => REGIMES.every((r) => a[r] === b[r]);

/** The widest of two floating dtype bit sets (exact promotion of two dimensioned tensors). */
function promoteBits(a: Bits, b: Bits): Bits {
  if (!a || !b) return a || b;
  if (a === ACT || b === ACT) return a === ACT ? b : a;
  const hi = (x: Bits) => (x & F64 ? F64 : x & F32 ? F32 : x & (F16 | BF16) ? (x & F16 && x & BF16 ? F32 : x & F16) || BF16 : x);
  if (a === b) return a;
  const ha = hi(a);
  const hb = hi(b);
  if (ha === hb) return ha;
  const rank = (x: Bits) => (x === F64 ? 3 : x === F32 ? 2 : 1);
  if ((ha === F16 && hb === BF16) || (ha === BF16 && hb === F16)) return F32;
  return rank(ha) >= rank(hb) ? ha : hb;
}

/**
 * Binary arithmetic. A 0-dim tensor or a Python scalar does not promote a dimensioned tensor;
 * a value we know nothing about is taken as a scalar, so it never invents a promotion.
 */
export function promote(a: Value, b: Value, step?: Step): Value {
  if (a.kind !== 'tensor' && b.kind !== 'tensor') return a.kind === 'other' ? b : a;
  if (b.kind !== 'tensor' || (b.zeroDim && !(a.kind === 'tensor' && a.zeroDim))) return a;
  if (a.kind !== 'tensor' || (a.zeroDim && !b.zeroDim)) return b;
  const d = perRegime((r) => promoteBits(a.d[r], b.d[r]));
  const zeroDim = a.zeroDim && b.zeroDim;
  const keepA = samePerRegime(d, a.d);
  const keepB = samePerRegime(d, b.d);
  if (keepA && keepB) return isFollower(a.cause) && !isFollower(b.cause) ? { ...b, zeroDim } : { ...a, zeroDim };
  // An activation that takes a fixed operand's dtype has been promoted (DG104); a weight that
  // does keeps the fixed operand's own cause (`torch.eye(n) + self.delta` is still DG101).
  // DG104 is the promotion to float32; a float64 operand (numpy, a plain float64 attribute) keeps its own cause.
  const wide = REGIMES.some((r) => d[r] & F64);
  if (keepA) return b.cause === 'input' && !isFollower(a.cause) && !wide ? promoted(a, b, d, step) : { ...a, zeroDim };
  if (keepB) return a.cause === 'input' && !isFollower(b.cause) && !wide ? promoted(a, b, d, step) : { ...b, zeroDim };
  return promoted(a, b, d, step);
}

function promoted(a: TensorValue, b: TensorValue, d: PerRegime, step?: Step): TensorValue {
  const steps = mergeSteps(a.steps, b.steps);
  return {
    kind: 'tensor',
    d,
    cause: 'promoted',
    steps: step ? mergeSteps(steps, [step]) : steps,
    zeroDim: a.zeroDim && b.zeroDim,
  };
}

const NAMES: [Bits, string][] = [
  [F16, 'float16'],
  [BF16, 'bfloat16'],
  [F32, 'float32'],
  [F64, 'float64'],
  [ACT, 'the activation dtype'],
];

export function dtypeName(bits: Bits): string {
  const names = NAMES.filter(([b]) => bits & b).map(([, n]) => n);
  return names.length ? names.join(' or ') : 'unknown';
}

/**
 * The dtypes of two operands under one regime disagree (ACT matches anything, unknown never
 * reports). Two operands that may each have several dtypes are not compared: the branches that
 * gave them those dtypes are usually the same ones (`if half: a = a.float(); b = b.float()`), and
 * a path-insensitive join cannot tell which dtype goes with which.
 */
export function disagree(a: Bits, b: Bits): boolean {
  const x = a & ~ACT;
  const y = b & ~ACT;
  if (!x || !y) return false;
  if (x & (x - 1) && y & (y - 1)) return false;
  for (const [bit] of NAMES) {
    if (!(x & bit)) continue;
    if (y & ~bit) return true;
  }
  return false;
}
