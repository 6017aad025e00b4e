/** Tensors created by torch functions: default dtype (DG101), explicit dtype (DG102) or another tensor's. */
import type { SyntaxNode as Node } from '../syntax';
import type { Args } from './args';
import type { FnState } from './context';
import {
  BY_CAUSE,
  F32,
  F64,
  SCALAR,
  UNKNOWN,
  integral,
  isIntegral,
  isKnownDtype,
  sameUnderAll,
  stepOf,
  type Value,
} from './lattice';

/** `torch.arange(n)` and `torch.tensor([1, 2])` are integer tensors: not float operands. */
function integerOnly(q: string, node: Node, args: Args): boolean {
  if (q === 'torch.arange')
    return !args.positional.some((a) => /\d\.|\.\d|\de-?\d/.test(a.node.text) || a.value.kind === 'tensor');
  if (q === 'torch.tensor' || q === 'torch.as_tensor') {
    const first = args.positional[0]?.node;
    if (!first) return false;
    if (first.type === 'integer') return true;
    if (first.type === 'list' || first.type === 'tuple')
      return !/\d\.|\.\d|\de/.test(first.text) && /\d/.test(first.text) && !/[a-zA-Z_]/.test(first.text);
  }
  void node;
  return false;
}

export function creation(q: string, node: Node, args: Args, st: FnState): Value {
  void st;
  const dtype = args.keywords.get('dtype')?.value;
  const callee = node.childForFieldName('function')?.text ?? q;
  if (isIntegral(dtype)) return integral(stepOf(node));
  const emptyShape =
    (q === 'torch.zeros' || q === 'torch.ones' || q === 'torch.empty') &&
    args.positional.length === 1 &&
    (args.positional[0]!.node.type === 'tuple' || args.positional[0]!.node.type === 'list') &&
    args.positional[0]!.node.namedChildren.length === 0;
  if (isKnownDtype(dtype)) {
    const explicit = dtype.cause === 'cast';
    const step = stepOf(node, explicit ? `${callee}(..., dtype=${args.keywords.get('dtype')!.node.text})` : node.text);
    const steps = explicit ? [step] : [...dtype.steps, step];
    return { kind: 'tensor', d: dtype.d, cause: dtype.cause, steps, zeroDim: emptyShape || undefined };
  }
  if (args.keywords.has('dtype')) return UNKNOWN;
  const first = args.positional[0];
  if ((q === 'torch.tensor' || q === 'torch.as_tensor') && first) {
    if (first.value.kind === 'tensor') return first.value;
    if (/^(np|numpy)\./.test(first.node.text) && !/float32/.test(first.node.text)) {
      return { kind: 'tensor', d: BY_CAUSE.numpy, cause: 'numpy', steps: [stepOf(node, `${node.text} keeps numpy's float64`)] };
    }
    const scalarLike =
      first.value.kind === 'scalar' ||
      (first.value.kind === 'other' && !['list', 'tuple', 'list_comprehension', 'call', 'identifier'].includes(first.node.type));
    if (first.node.type === 'integer' || first.node.type === 'float' || scalarLike)
      return { kind: 'tensor', d: sameUnderAll(F32), cause: 'fresh', steps: [stepOf(node)], zeroDim: true };
  }
  if (integerOnly(q, node, args)) return integral(stepOf(node));
  if (q === 'torch.DoubleTensor') return { kind: 'tensor', d: sameUnderAll(F64), cause: 'cast', steps: [stepOf(node)] };
  const zeroDim = emptyShape;
  return {
    kind: 'tensor',
    d: BY_CAUSE.fresh,
    cause: 'fresh',
    steps: [stepOf(node, `${callee}(...) without dtype= is float32`)],
    zeroDim: zeroDim || undefined,
    origin: node,
  };
}

export { SCALAR };
