/** Tensor methods: casts (`.float()`, `.to(...)`, `.type_as`), `new_*`, and the dtype-keeping ones. */
import type { SyntaxNode as Node } from '../syntax';
import { qualify } from '../imports';
import { argFor, type Args } from './args';
import type { FnState } from './context';
import {
  BY_CAUSE,
  F32,
  NO_DTYPE,
  REGIMES,
  SCALAR,
  UNKNOWN,
  integral,
  isFollower,
  isIntegral,
  isKnownDtype,
  promote,
  sameUnderAll,
  seq,
  stepOf,
  tensorOfDtype,
  underAutocast,
  withStep,
  type PerRegime,
  type TensorValue,
  type Value,
} from './lattice';
import { TENSOR_METHODS, dtypeConstant, isIntegralDtype } from './torchApi';

/** Methods that divide without rounding: an integer tensor divided gives float32. */
const TRUE_DIVISIONS = new Set(['div', 'true_divide']);

/** A tensor method applied as its row of TENSOR_METHODS says. */
export function evalMethod(receiver: Value, method: string, node: Node, args: Args, st: FnState): Value {
  const row = TENSOR_METHODS.get(method);
  if (!row) return UNKNOWN;
  st.file.methodsApplied.add(method);
  if (row.transfer === 'cast') return castTo(receiver, sameUnderAll(row.bits!), node);
  // Only a cast is evaluated on a receiver we know nothing about (calls.ts).
  if (receiver.kind !== 'tensor') return UNKNOWN;
  let obj: TensorValue = receiver;
  switch (row.transfer) {
    case 'to':
      return evalTo(obj, node, args);
    case 'type':
      return evalType(obj, node, args, st);
    case 'type-as': {
      const other = args.positional[0]?.value;
      // `output.type_as(x)` of an x we know nothing about has x's dtype, not the receiver's.
      return other?.kind === 'tensor' ? { ...other, zeroDim: obj.zeroDim, steps: [...other.steps, stepOf(node)] } : UNKNOWN;
    }
    case 'softmax': {
      const dtype = args.keywords.get('dtype')?.value;
      if (dtype?.kind === 'dtype') return tensorOfDtype(dtype, stepOf(node));
      // autocast runs softmax in float32
      return st.region.autocast !== 'disabled' ? { ...obj, d: underAutocast(obj.d, F32) } : obj;
    }
    case 'new': {
      const dtype = args.keywords.get('dtype')?.value;
      if (isIntegral(dtype)) return integral(stepOf(node));
      if (dtype?.kind === 'dtype') return tensorOfDtype(dtype, stepOf(node));
      return { ...obj, zeroDim: undefined };
    }
    case 'arith': {
      const arg = args.positional[0];
      const value = arg?.value ?? SCALAR;
      // An integer or boolean tensor in float arithmetic (`.div(n)`, `.add(0.5)`) gives the default
      // dtype, float32, as the operators do (exprs.ts); a division with a rounding mode stays integral.
      const trueDivision = TRUE_DIVISIONS.has(method) && !args.keywords.has('rounding_mode');
      if (isIntegral(obj) && value.kind !== 'tensor' && (trueDivision || arg?.node.type === 'float'))
        return integralInFloatArithmetic(node);
      return promote(obj, value, stepOf(node));
    }
    case 'split':
      return seq([obj]);
    case 'float-test':
      return floatTest(obj);
  }
  if (row.reduction) obj = reduced(obj, args, 0);
  if (row.zeroDim && obj.kind === 'tensor') obj = { ...obj, zeroDim: true };
  if (row.autocastFp32) return autocastFloat32(obj, st);
  // A 0-dim tensor repeated, expanded or reshaped has dimensions, and promotes like any other.
  if (obj.zeroDim && row.reshape) return { ...obj, zeroDim: undefined };
  if (row.transfer === 'keep') return obj;
  if (row.transfer === 'integral') return integral(stepOf(node));
  return UNKNOWN;
}

/**
 * `x.is_floating_point()`, `torch.is_floating_point(x)`: false for an integer or boolean tensor,
 * true for one with float dtypes (an activation, a parameter, a cast); unknown otherwise.
 */
export function floatTest(v: Value | undefined): Value {
  if (v?.kind !== 'tensor') return SCALAR;
  if (v.boolMask) return { kind: 'scalar', steps: [], constant: false };
  return isFollower(v.cause) || REGIMES.every((r) => v.d[r] !== NO_DTYPE)
    ? { kind: 'scalar', steps: [], constant: true }
    : SCALAR;
}

/**
 * A reduction's rank: over every element (no `dim`) it is 0-dim; over a dimension of a parameter
 * (often a vector) it may well be 0-dim too, and a tensor of unknown rank is not taken to promote a
 * dimensioned one. `keepdim=True` keeps the rank; an activation keeps its batch dimension.
 */
export function reduced<V extends Value>(v: V, args: Args, first: number): V {
  if (v.kind !== 'tensor' || v.zeroDim || args.keywords.get('keepdim')?.node.type === 'true') return v;
  const overAll = args.positional.length <= first && !args.keywords.has('dim') && !args.keywords.has('axis');
  const parameter = v.cause === 'module' || v.cause === 'unconverted';
  return overAll || parameter ? { ...v, zeroDim: true } : v;
}

/** An integer or boolean tensor divided, or met by a float literal: the result has the default dtype, float32. */
export function integralInFloatArithmetic(node: Node): TensorValue {
  const text = `${node.text.replace(/\s+/g, ' ')}: an integer or boolean tensor in float arithmetic gives float32`;
  return { kind: 'tensor', d: BY_CAUSE.fresh, cause: 'fresh', steps: [stepOf(node, text)] };
}

/** Under autocast (outside a disabled region) an op of autocast's float32 list returns float32. */
export function autocastFloat32(v: Value, st: FnState): Value {
  // Integer tensors are not autocast-eligible: their sum stays an integer.
  if (v.kind !== 'tensor' || v.boolMask || st.region.autocast === 'disabled') return v;
  return { ...v, d: underAutocast(v.d, F32) };
}

function castTo(obj: Value, d: PerRegime, node: Node): Value {
  return { kind: 'tensor', d, cause: 'cast', steps: [stepOf(node)], zeroDim: obj.kind === 'tensor' ? obj.zeroDim : undefined };
}

/** `.to(dtype)`, `.to(other)`, `.to(device)`, `.to(device, dtype)`, `.to(dtype=...)`. */
function evalTo(obj: TensorValue, node: Node, args: Args): Value {
  const candidates = [args.keywords.get('dtype'), args.positional[0], args.positional[1], args.keywords.get('other')];
  for (const arg of candidates) {
    const v = arg?.value;
    if (!v) continue;
    if (v.kind === 'dtype') {
      if (v.boolMask) return integral(stepOf(node));
      if (!isKnownDtype(v)) return UNKNOWN;
      if (v.cause === 'cast') return castTo(obj, v.d, node);
      return { kind: 'tensor', d: v.d, cause: v.cause, steps: [...v.steps, stepOf(node)], zeroDim: obj.zeroDim };
    }
    if (v.kind === 'tensor') return { ...v, zeroDim: obj.zeroDim, steps: [...v.steps, stepOf(node)] };
  }
  // `.to(y.dtype)` of a y we know nothing about: the dtype is y's, not the receiver's.
  if (args.keywords.has('dtype') || candidates.some((a) => a?.node.text.endsWith('.dtype'))) return UNKNOWN;
  // `.to(y)` of a y we know nothing about: a tensor y gives its dtype, so only a device keeps the receiver's.
  const first = args.positional[0];
  if (first && !readsAsDevice(first.node)) return UNKNOWN;
  // A device move keeps the dtype.
  return obj;
}

/** `'cuda'`, `0`, `x.device`, `torch.device(...)`, `self.device`, `dev`, `local_rank`: an argument that names a device. */
function readsAsDevice(node: Node): boolean {
  if (node.type === 'string' || node.type === 'integer') return true;
  const text = node.type === 'call' ? (node.childForFieldName('function')?.text ?? '') : node.text;
  const last = text.slice(text.lastIndexOf('.') + 1);
  return /dev|cuda|cpu|gpu|rank|place/i.test(last);
}

/** `.type(torch.float32)`, `.type('torch.cuda.FloatTensor')`, `.type(y.type())`, `.type(y.dtype)`. */
function evalType(obj: TensorValue, node: Node, args: Args, st: FnState): Value {
  const arg = argFor(args, 0, 'dtype');
  if (!arg) return UNKNOWN;
  if (isIntegral(arg.value)) return integral(stepOf(node));
  if (arg.value.kind === 'dtype' && !isKnownDtype(arg.value)) return UNKNOWN;
  if (arg.value.kind === 'dtype')
    return arg.value.cause === 'cast' ? castTo(obj, arg.value.d, node) : withStep({ ...arg.value, kind: 'tensor' }, stepOf(node));
  if (arg.node.type === 'string') {
    const name = arg.node.text.replace(/^['"]|['"]$/g, '');
    const bits = dtypeConstant(name);
    if (isIntegralDtype(name)) return integral(stepOf(node));
    return bits ? castTo(obj, sameUnderAll(bits), node) : UNKNOWN;
  }
  if (arg.node.type === 'call') {
    const fn = arg.node.childForFieldName('function');
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'type') {
      // y.type() names y's type: the cast follows y. Its value was evaluated as unknown; re-read y.
      const yNode = fn.childForFieldName('object');
      const y = yNode ? st.env.get(yNode.text) : undefined;
      if (y?.kind === 'tensor') return { ...y, steps: [...y.steps, stepOf(node)] };
    }
  }
  const dotted = arg.node.type === 'attribute' ? qualify(arg.node.text, st.file.imports) : '';
  const bits = dtypeConstant(dotted);
  // A type we cannot read (`.type(y.dtype)` of an unknown y) is not the receiver's.
  return bits ? castTo(obj, sameUnderAll(bits), node) : UNKNOWN;
}
