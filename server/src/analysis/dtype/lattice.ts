/**
 * The dtype lattice: every tensor value carries, per precision regime, the set of dtypes it may
 * have, plus the cause of that dtype (which decides the rule) and the steps that produced it.
 */

/** The regimes, in the order a finding names them. */
export const REGIMES = ['half', 'mmcv-fp16', 'autocast'] as const;
export type Regime = (typeof REGIMES)[number];

/** Dtype bits. ACT is an activation under autocast whose precision depends on the layer before. */
export const F16 = 1;
export const BF16 = 2;
export const F32 = 4;
export const F64 = 8;
export const ACT = 16;

/** Per regime (index as REGIMES) a set of dtype bits; 0 means not known. */
export type Vec = readonly [number, number, number];

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

export type Kind = 'tensor' | 'dtype' | 'scalar' | 'seq' | 'self' | 'submodule' | 'model' | 'other';

export interface Value {
  kind: Kind;
  d: Vec;
  cause?: Cause;
  steps: Step[];
  /** Cast by the region's decorator (`force_fp32`, `custom_fwd`): a DG105 cause. */
  regionCast?: boolean;
  /** A sparse tensor wrapping these features (`SparseConvTensor(features, ...)`): fixes cast the features. */
  sparseFeatures?: import('../syntax').SyntaxNode;
  /** A literal True/False, so `if half:` with a known flag takes one branch. */
  constant?: boolean;
  /** A boolean or integer tensor (a comparison, `torch.arange(n)`): true division or a float scalar makes it float32. */
  boolMask?: boolean;
  /** A 0-dim tensor: does not promote a dimensioned tensor. */
  zeroDim?: boolean;
  /** Items of a tuple/list. */
  items?: Value[];
  /** For kind 'submodule': what it is. */
  module?: SubmoduleInfo;
  /** For kind 'model' (script level): the dtype a model was converted to, if any. */
  modelDtype?: number;
  /** Where the dtype was decided: the creation call or the attribute's definition, for fixes. */
  origin?: import('../syntax').SyntaxNode;
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
  /** GroupNorm / LayerNorm: autocast runs them in float32. */
  fp32Out?: boolean;
  /** A class of this file: its forward runs inline at the call. */
  className?: string;
  /** The definition of a plain container of layers, for the ModuleList fix. */
  statement?: import('../syntax').SyntaxNode;
}

export const UNKNOWN: Value = Object.freeze<Value>({ kind: 'other', d: [0, 0, 0], steps: [] });
export const SCALAR: Value = Object.freeze<Value>({ kind: 'scalar', d: [0, 0, 0], steps: [] });
/** An integer or boolean dtype (`torch.int64`, `torch.IntTensor`): what it makes is never a float operand. */
export const INTEGRAL_DTYPE: Value = Object.freeze<Value>({ kind: 'dtype', d: [0, 0, 0], steps: [], boolMask: true });

/** An integer or boolean tensor: it takes part in no float mismatch, and float arithmetic makes it float32. */
export function integral(step?: Step): Value {
  return { kind: 'tensor', d: [0, 0, 0], steps: step ? [step] : [], boolMask: true };
}

export const VEC: Record<Cause, Vec> = {
  // Under autocast the model's own input arrives as the caller built it: float32.
  input: [F16, F16, F32],
  module: [F16, F16, F32],
  norm: [F16, F32, F32],
  fresh: [F32, F32, F32],
  numpy: [F64, F64, F64],
  cast: [F32, F32, F32],
  unconverted: [F32, F32, F32],
  promoted: [F32, F32, F32],
};

/** Output of a conv/linear submodule: half under every regime (autocast runs them in float16). */
export const LAYER_OUT: Vec = [F16, F16, F16];

export function tensor(cause: Cause, step?: Step, d: Vec = VEC[cause]): Value {
  return { kind: 'tensor', d, cause, steps: step ? [step] : [] };
}

export function fixedVec(bits: number): Vec {
  return [bits, bits, bits];
}

export const isFollower = (cause: Cause | undefined): boolean => cause === 'input' || cause === 'module' || cause === 'norm';

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
  if (a.kind !== b.kind) return a;
  if (a.kind === 'model')
    return { ...a, modelDtype: (a.modelDtype ?? 0) | (b.modelDtype ?? 0), steps: mergeSteps(a.steps, b.steps) };
  if (a.kind === 'seq') {
    const n = Math.max(a.items?.length ?? 0, b.items?.length ?? 0);
    const items: Value[] = [];
    for (let i = 0; i < n; i++) items.push(join(a.items?.[i], b.items?.[i]));
    return { kind: 'seq', d: [0, 0, 0], steps: [], items };
  }
  const d: Vec = [a.d[0] | b.d[0], a.d[1] | b.d[1], a.d[2] | b.d[2]];
  // The blamed side's provenance comes first, so the message names where the fixed dtype came from.
  const fromB = isFollower(a.cause) && b.cause && !isFollower(b.cause);
  const base = fromB ? b : a;
  return {
    ...base,
    d,
    steps: fromB ? mergeSteps(b.steps, a.steps) : mergeSteps(a.steps, b.steps),
    zeroDim: a.zeroDim && b.zeroDim,
  };
}

const sameVec = (a: Vec, b: Vec) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2];

/** The widest of two floating dtype bit sets (exact promotion of two dimensioned tensors). */
function promoteBits(a: number, b: number): number {
  if (!a || !b) return a || b;
  if (a === ACT || b === ACT) return a === ACT ? b : a;
  const hi = (x: number) =>
    x & F64 ? F64 : x & F32 ? F32 : x & (F16 | BF16) ? (x & F16 && x & BF16 ? F32 : x & F16) || BF16 : x;
  if (a === b) return a;
  const ha = hi(a);
  const hb = hi(b);
  if (ha === hb) return ha;
  const rank = (x: number) => (x === F64 ? 3 : x === F32 ? 2 : 1);
  if ((ha === F16 && hb === BF16) || (ha === BF16 && hb === F16)) return F32;
  return rank(ha) >= rank(hb) ? ha : hb;
}

/**
 * Binary arithmetic. A 0-dim tensor or a Python scalar does not promote a dimensioned tensor;
 * a value we know nothing about is taken as a scalar, so it never invents a promotion.
 */
export function promote(a: Value, b: Value, step?: Step): Value {
  const at = a.kind === 'tensor';
  const bt = b.kind === 'tensor';
  if (!at && !bt) return a.kind === 'other' ? b : a;
  if (!bt || (b.zeroDim && !a.zeroDim)) return a;
  if (!at || (a.zeroDim && !b.zeroDim)) return b;
  const d: Vec = [promoteBits(a.d[0], b.d[0]), promoteBits(a.d[1], b.d[1]), promoteBits(a.d[2], b.d[2])];
  const zeroDim = a.zeroDim && b.zeroDim;
  const keepA = sameVec(d, a.d);
  const keepB = sameVec(d, b.d);
  if (keepA && keepB) return isFollower(a.cause) && !isFollower(b.cause) ? { ...b, zeroDim } : { ...a, zeroDim };
  // An activation that takes a fixed operand's dtype has been promoted (DG104); a weight that
  // does keeps the fixed operand's own cause (`torch.eye(n) + self.delta` is still DG101).
  // DG104 is the promotion to float32; a float64 operand (numpy, a plain float64 attribute) keeps its own cause.
  const wide = d.some((x) => x & F64);
  if (keepA) return b.cause === 'input' && !isFollower(a.cause) && !wide ? promoted(a, b, d, step) : { ...a, zeroDim };
  if (keepB) return a.cause === 'input' && !isFollower(b.cause) && !wide ? promoted(a, b, d, step) : { ...b, zeroDim };
  return promoted(a, b, d, step);
}

function promoted(a: Value, b: Value, d: Vec, step?: Step): Value {
  const steps = mergeSteps(a.steps, b.steps);
  return {
    kind: 'tensor',
    d,
    cause: 'promoted',
    steps: step ? mergeSteps(steps, [step]) : steps,
    zeroDim: a.zeroDim && b.zeroDim,
  };
}

const NAMES: [number, string][] = [
  [F16, 'float16'],
  [BF16, 'bfloat16'],
  [F32, 'float32'],
  [F64, 'float64'],
  [ACT, 'the activation dtype'],
];

export function dtypeName(bits: number): string {
  const names = NAMES.filter(([b]) => bits & b).map(([, n]) => n);
  return names.length ? names.join(' or ') : 'unknown';
}

/**
 * The dtypes of two operands under one regime disagree (ACT matches anything, unknown never
 * reports). Two operands that may each have several dtypes are not compared: the branches that
 * gave them those dtypes are usually the same ones (`if half: a = a.float(); b = b.float()`), and
 * a path-insensitive join cannot tell which dtype goes with which.
 */
export function disagree(a: number, b: number): boolean {
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
