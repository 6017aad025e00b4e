/** Evaluation of expressions to values: names, attributes, indexing, arithmetic, literals. */
import type { SyntaxNode as Node } from '../syntax';
import { qualify } from '../imports';
import { dottedName } from '../nodeHelpers';
import { isPlainCallable } from './classFacts';
import { inModuleCode, type FnState } from './context';
import { autocastFloat32, integralInFloatArithmetic } from './methods';
import { recordOp } from './record';
import { MATMUL } from '../ops';
import {
  BY_CAUSE,
  F64,
  INTEGRAL_DTYPE,
  LAYER_OUT,
  NO_DTYPES,
  SCALAR,
  UNKNOWN,
  UNKNOWN_DTYPE,
  constantOf,
  isFollower,
  isIntegral,
  join,
  promote,
  sameUnderAll,
  seq,
  stepOf,
  tensor,
  withStep,
  type Value,
} from './lattice';
import { dtypeConstant, isIntegralDtype } from './torchApi';

const MAX_NESTING = 150;

export function evalExpr(node: Node | null | undefined, st: FnState): Value {
  if (!node) return UNKNOWN;
  if (st.nesting > MAX_NESTING) return UNKNOWN;
  st.nesting++;
  try {
    return evalInner(node, st);
  } finally {
    st.nesting--;
  }
}

function evalInner(node: Node, st: FnState): Value {
  switch (node.type) {
    case 'identifier':
      return st.env.get(node.text) ?? UNKNOWN;
    case 'integer':
    case 'float':
      return SCALAR;
    case 'true':
    case 'false':
      return { kind: 'scalar', steps: [], constant: node.type === 'true' };
    case 'parenthesized_expression':
      return evalExpr(
        node.namedChildren.find((c) => c?.type !== 'comment'),
        st,
      );
    case 'attribute':
      return evalAttribute(node, st);
    case 'subscript':
      return evalSubscript(node, st);
    case 'call':
      return st.run.evalCall(node, st);
    case 'binary_operator': {
      const left = evalExpr(node.childForFieldName('left'), st);
      const right = evalExpr(node.childForFieldName('right'), st);
      const op = node.childForFieldName('operator')?.type;
      const integral = isIntegral(left) ? left : isIntegral(right) ? right : undefined;
      const other = integral === left ? right : left;
      const otherNode = integral === left ? node.childForFieldName('right') : node.childForFieldName('left');
      // int/bool tensor / anything, or * a float literal: the result takes the default dtype, float32.
      if (integral && other.kind !== 'tensor' && (op === '/' || otherNode?.type === 'float'))
        return integralInFloatArithmetic(node);
      // Without a tensor operand the result is one of the operands and takes no step.
      if (left.kind !== 'tensor' && right.kind !== 'tensor') return promote(left, right);
      // `a @ b` in a module: a matrix product, judged like torch.matmul.
      if (op === '@' && inModuleCode(st) && left.kind === 'tensor' && right.kind === 'tensor') {
        const l = node.childForFieldName('left')!;
        const r = node.childForFieldName('right')!;
        const args = {
          positional: [
            { node: l, value: left },
            { node: r, value: right },
          ],
          keywords: new Map(),
          splat: false,
        };
        return recordOp(node, 'torch.matmul', MATMUL, args, st);
      }
      // `**` is autocast's `__pow__`, on its float32 list.
      if (op === '**') return autocastFloat32(promote(left, right, stepOf(node)), st);
      const result = promote(left, right, stepOf(node));
      // A fixed dtype that spread through arithmetic: the hover shows where it spread.
      return result.kind === 'tensor' &&
        result !== left &&
        result !== right &&
        result.cause !== 'promoted' &&
        !isFollower(result.cause)
        ? withStep(result, stepOf(node))
        : result;
    }
    case 'list_comprehension':
    case 'set_comprehension':
    case 'generator_expression':
    case 'dictionary_comprehension':
      return evalComprehension(node, st);
    case 'unary_operator':
      return evalExpr(node.childForFieldName('argument'), st);
    case 'boolean_operator':
      return join(evalExpr(node.childForFieldName('left'), st), evalExpr(node.childForFieldName('right'), st));
    case 'conditional_expression': {
      const [a, cond, b] = node.namedChildren;
      const c = constantOf(evalExpr(cond, st));
      if (c !== undefined) return evalExpr(c ? a : b, st);
      return join(evalExpr(a, st), evalExpr(b, st));
    }
    case 'tuple':
    case 'list':
    case 'expression_list':
      return seq(node.namedChildren.filter((c) => c && c.type !== 'comment').map((c) => evalExpr(c, st)));
    case 'comparison_operator': {
      const values = node.namedChildren.map((c) => evalExpr(c, st));
      return values.some((v) => v.kind === 'tensor')
        ? { kind: 'tensor', d: NO_DTYPES, steps: [stepOf(node)], boolMask: true }
        : UNKNOWN;
    }
    case 'not_operator': {
      const v = evalExpr(node.childForFieldName('argument'), st);
      return v.kind === 'scalar' && v.constant !== undefined ? { ...v, constant: !v.constant } : UNKNOWN;
    }
    case 'await':
      return evalExpr(node.namedChildren[0], st);
    case 'named_expression': {
      const value = evalExpr(node.childForFieldName('value'), st);
      const name = node.childForFieldName('name');
      if (name) st.env.set(name.text, value);
      return value;
    }
    default:
      return UNKNOWN;
  }
}

/** `x.dtype`, `self.weight`, `self.conv.weight`, `torch.float16`, `x.T`. */
function evalAttribute(node: Node, st: FnState): Value {
  const objectNode = node.childForFieldName('object');
  const attr = node.childForFieldName('attribute')?.text ?? '';
  // Names are short; a very long chain (`x.a.a.a...`) is not a name worth resolving at every level.
  const short = node.endIndex - node.startIndex <= 120;
  const local = short ? st.env.get(node.text) : undefined;
  if (local) return local;
  const dotted = short ? dottedName(node) : undefined;
  if (dotted) {
    const q = qualify(dotted, st.file.imports);
    const bits = dtypeConstant(q);
    if (bits) return { kind: 'dtype', d: sameUnderAll(bits), cause: 'cast', steps: [stepOf(node)] };
    if (isIntegralDtype(q)) return INTEGRAL_DTYPE;
  }
  const object = evalExpr(objectNode, st);
  if (object.kind === 'self') return selfAttribute(attr, node, st);
  if (object.kind === 'submodule') {
    if (attr === 'weight' || attr === 'bias' || attr.startsWith('running_')) {
      const m = object.module;
      if (m.unconverted) return tensor('unconverted', stepOf(node, `${m.text} ${m.how ?? 'is not converted'}`));
      if (m.family === 'custom' || m.family === 'container') return tensor('module', stepOf(node));
      return tensor(m.family === 'norm' ? 'norm' : 'module', stepOf(node));
    }
    return UNKNOWN;
  }
  if (object.kind === 'tensor') {
    if (attr === 'dtype') return { kind: 'dtype', d: object.d, cause: object.cause, steps: object.steps };
    if (attr === 'T' || attr === 'mT' || attr === 'data' || attr === 'real') return object;
    return UNKNOWN;
  }
  // `input_dtype = hidden.dtype` of a hidden we know nothing about: `.to(input_dtype)` is a cast, not a move.
  if (attr === 'dtype' && object.kind === 'other') return UNKNOWN_DTYPE;
  return UNKNOWN;
}

const HELD_BY_PLAIN_OBJECT = 'is held by a plain object, not an nn.Module, so .half() never reaches it';

/** `self.x`: a parameter or buffer follows the model; a plain tensor does not (DG103). */
export function selfAttribute(attr: string, node: Node, st: FnState): Value {
  const cls = st.cls;
  if (!cls) return UNKNOWN;
  const fact = cls.attrs.get(attr);
  const line = fact?.statement.startPosition.row;
  if (!fact) {
    if ((attr === 'weight' || attr === 'bias') && cls.baseParams)
      return tensor(cls.baseParams === 'norm' ? 'norm' : 'module', stepOf(node));
    if ((attr === 'weight' || attr === 'bias') && cls.customBase) return tensor('module', stepOf(node));
    return UNKNOWN;
  }
  switch (fact.kind) {
    case 'param':
      return fact.zeroDim ? { ...tensor('module', stepOf(node)), zeroDim: true } : tensor('module', stepOf(node));
    case 'plain-tensor':
      return {
        ...tensor(
          'unconverted',
          { line: line!, text: `self.${attr} is a plain tensor attribute: .half() and .to() skip it` },
          fact.float64 ? sameUnderAll(F64) : BY_CAUSE.unconverted,
        ),
        origin: fact.statement,
        zeroDim: fact.zeroDim,
      };
    case 'plain-params': {
      const item = {
        ...tensor('unconverted', {
          line: line!,
          text: `self.${attr} keeps parameters in a plain Python container: .half() skips them`,
        }),
        origin: fact.statement,
      };
      return seq([item]);
    }
    case 'submodule':
    case 'plain-modules':
      if (!fact.module) return UNKNOWN;
      // A layer held by a feature extractor or transform: no `model.half()` reaches it.
      if (isPlainCallable(cls) && !fact.module.unconverted)
        return { kind: 'submodule', steps: [], module: { ...fact.module, unconverted: true, how: HELD_BY_PLAIN_OBJECT } };
      return { kind: 'submodule', steps: [], module: fact.module };
    default:
      return UNKNOWN;
  }
}

/** `[f(x) for x in xs]`: the body runs once with the loop variables bound to an item. */
function evalComprehension(node: Node, st: FnState): Value {
  const saved = st.env;
  st.env = saved.copy();
  try {
    for (const clause of node.namedChildren) {
      if (clause?.type === 'for_in_clause') {
        const left = clause.childForFieldName('left');
        const item = st.run.loopItem(clause.childForFieldName('right'), st);
        if (left) st.run.bind(left, item, st);
      } else if (clause?.type === 'if_clause') evalExpr(clause.namedChildren[0], st);
    }
    let body = node.childForFieldName('body');
    if (body?.type === 'pair') body = body.childForFieldName('value');
    return seq([evalExpr(body, st)]);
  } finally {
    st.env = saved;
  }
}

function evalSubscript(node: Node, st: FnState): Value {
  const value = evalExpr(node.childForFieldName('value'), st);
  for (const s of node.childrenForFieldName('subscript')) evalExpr(s, st);
  if (value.kind === 'tensor') return value;
  if (value.kind === 'submodule') return value;
  if (value.kind === 'seq') {
    const index = node.childForFieldName('subscript');
    const items = value.items;
    if (index?.type === 'integer') {
      const i = Number(index.text);
      if (items[i]) return items[i]!;
    }
    if (index?.type === 'slice') return value;
    return items.reduce<Value | undefined>((acc, v) => join(acc, v), undefined) ?? UNKNOWN;
  }
  return UNKNOWN;
}

export { LAYER_OUT };
