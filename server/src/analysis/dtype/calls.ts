/** Evaluation of calls: torch functions, tensor methods, layers, helpers of the same file. */
import type { SyntaxNode as Node } from '../syntax';
import { qualify } from '../imports';
import { CONV_OPS, CUSTOM_MODULES, LAYER_CLASSES, LAYER_FACTORIES, MATMUL, MATMUL_METHODS, NORM_CLASSES } from '../ops';
import { dottedName } from '../nodeHelpers';
import { argFor, evalArgs, type Args } from './args';
import { classNamed, functionNamed, inModuleCode, type FnState } from './context';
import {
  BY_CAUSE,
  F16,
  F32,
  LAYER_OUT,
  NO_DTYPE,
  SCALAR,
  UNKNOWN,
  integral,
  isIntegral,
  isKnownDtype,
  isSingleDtype,
  join,
  promote,
  sameUnderAll,
  seq,
  stepOf,
  tensor,
  tensorOfDtype,
  withStep,
  type Bits,
  type ModelValue,
  type Value,
} from './lattice';
import { recordExtension, recordLayerCall, recordModelCall, recordOp } from './record';
import { autocastFloat32, evalMethod, floatTest, reduced } from './methods';
import { AUTOCAST_FP32, COMBINE, CREATORS, LIKE, NON_FLOAT, REDUCTIONS, TENSOR_METHODS, isIntegralDtype } from './torchApi';
import { creation } from './creation';
import { holdsNoTensors } from './stateless';

export function evalCall(node: Node, st: FnState): Value {
  const fnNode = node.childForFieldName('function');
  if (!fnNode) return UNKNOWN;
  const dotted = fnNode.endIndex - fnNode.startIndex <= 120 ? dottedName(fnNode) : undefined;
  const head = dotted === undefined ? undefined : headOf(dotted);
  // A name bound in the function shadows imports and top-level definitions.
  const local = head !== undefined && st.env.has(head);
  if (dotted && !local && head !== undefined && head !== 'self' && st.file.extModules.has(head) && dotted !== head)
    return recordExtension(node, evalArgs(node, st), st);
  if (dotted === 'next' && !local) {
    const first = firstParameter(node, st);
    if (first) return first;
  }
  // sum(w * f for w, f in zip(ws, fs)): the items added together, as the `+` between them would.
  if (dotted === 'sum' && !local) {
    const [items, start] = evalArgs(node, st).positional;
    if (items?.value.kind !== 'seq') return UNKNOWN;
    const step = stepOf(node);
    return (items.value.items ?? []).reduce((acc, v) => promote(acc, v, step), start?.value ?? SCALAR);
  }
  if ((dotted === 'next' || dotted === 'iter' || dotted === 'list' || dotted === 'tuple') && !local) {
    const arg = evalArgs(node, st).positional[0]?.value;
    if (arg?.kind !== 'seq') return UNKNOWN;
    return dotted === 'next'
      ? ((arg.items ?? []).reduce<Value | undefined>((acc, v) => join(acc, v), undefined) ?? UNKNOWN)
      : arg;
  }
  if (dotted && !local && head !== 'self') {
    const q = qualify(dotted, st.file.imports);
    if (q !== dotted || head === 'torch') return evalQualified(q, node, st);
    const fn = functionNamed(st.file, dotted);
    if (fn) return st.run.runHelper(fn, evalArgs(node, st), st, undefined);
    const cls = classNamed(st.file, dotted);
    // A loss object built in forward holds nothing the conversion skipped: calling it is not judged.
    if (cls && st.cls && holdsNoTensors(cls, st.file)) return UNKNOWN;
    if (cls) return construct(node, st, cls.baseParams ? 'conv' : 'custom', evalArgs(node, st), cls.name);
    const apply = dotted.endsWith('.apply') ? /^(\w+)\.apply$/.exec(dotted)?.[1] : st.file.applyAliases.get(dotted);
    const fnClass = apply ? classNamed(st.file, apply) : undefined;
    const forward = fnClass?.autogradFunction ? fnClass.methods.get('forward') : undefined;
    if (forward) return st.run.runHelper(forward, evalArgs(node, st), st, fnClass);
  }
  if (fnNode.type === 'attribute') {
    const method = fnNode.childForFieldName('attribute')?.text ?? '';
    const objNode = fnNode.childForFieldName('object')!;
    if (objNode.type === 'call' && dottedName(objNode.childForFieldName('function')) === 'super')
      return superCall(method, node, st);
    const obj = st.run.evalExpr(objNode, st);
    const args = evalArgs(node, st);
    if (obj.kind === 'self' && st.cls) {
      const m = st.cls.methods.get(method);
      if (m) return st.run.runHelper(m, args, st, st.cls);
      if (method === '_conv_forward')
        return recordOp(node, 'torch.nn.functional.conv2d', CONV_OPS.get('torch.nn.functional.conv2d')!, args, st);
      if (method === 'forward' && st.cls.baseParams === 'param')
        return recordLayerCall(node, { family: 'conv', text: 'self' }, args, st, 'self');
      const callee = st.run.evalExpr(fnNode, st);
      if (callee.kind === 'submodule') return recordLayerCall(node, callee.module!, args, st, fnNode.text);
      return UNKNOWN;
    }
    if (obj.kind === 'submodule' && method === 'forward') return recordLayerCall(node, obj.module!, args, st, objNode.text);
    if (obj.kind === 'model') return modelMethod(obj, method, node, args, st);
    if (obj.kind === 'tensor' && inModuleCode(st) && MATMUL_METHODS.has(method) && !obj.boolMask)
      return recordOp(
        node,
        `torch.${method}`,
        MATMUL,
        { ...args, positional: [{ node: objNode, value: obj }, ...args.positional] },
        st,
      );
    // `.float()` / `.half()` fix the dtype whatever we knew of the receiver (an integer tensor, say).
    if (obj.kind === 'tensor' || (obj.kind === 'other' && TENSOR_METHODS.get(method)?.transfer === 'cast'))
      return evalMethod(obj, method, node, args, st);
    if (obj.kind === 'seq' && (method === 'append' || method === 'extend') && objNode.type === 'identifier') {
      // filters.append(k) in a loop: the list holds what was appended (joined over the loop's passes).
      const added = args.positional[0]?.value;
      const items = method === 'append' ? [added ?? UNKNOWN] : added?.kind === 'seq' ? (added.items ?? []) : [];
      st.env.set(objNode.text, { ...obj, items: [...(obj.items ?? []), ...items].slice(-8) });
      return UNKNOWN;
    }
    if (obj.kind === 'seq') return seqMethod(obj, method);
    return UNKNOWN;
  }
  const callee = st.run.evalExpr(fnNode, st);
  const args = evalArgs(node, st);
  if (callee.kind === 'submodule') return recordLayerCall(node, callee.module!, args, st, fnNode.text);
  if (callee.kind === 'model') return recordModelCall(node, callee, fnNode.text, args, st);
  return UNKNOWN;
}

/** The first segment of a dotted name (`torch` of `torch.nn.functional.conv2d`). */
function headOf(dotted: string): string {
  const dot = dotted.indexOf('.');
  return dot < 0 ? dotted : dotted.slice(0, dot);
}

/**
 * `next(m.parameters())`: m's first parameter, which follows m's dtype like `m.weight` does. The
 * fixes write this expression, so without it a fixed call was flagged again and re-fixed.
 */
function firstParameter(node: Node, st: FnState): Value | undefined {
  const arg = node.childForFieldName('arguments')?.namedChildren[0];
  const fn = arg?.type === 'call' ? arg.childForFieldName('function') : null;
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'parameters') return undefined;
  const owner = st.run.evalExpr(fn.childForFieldName('object'), st);
  if (owner.kind === 'self') return tensor('module', stepOf(node));
  if (owner.kind !== 'submodule' || !owner.module) return undefined;
  const m = owner.module;
  if (m.unconverted) return tensor('unconverted', stepOf(node, `${m.text} ${m.how ?? 'is not converted'}`));
  return tensor(m.family === 'norm' ? 'norm' : 'module', stepOf(node));
}

/** `d.items()` / `d.values()` of a tuple, list or dict of tensors. */
function seqMethod(obj: Value, method: string): Value {
  const items = obj.kind === 'seq' ? obj.items : [];
  const all = items.reduce<Value | undefined>((acc, v) => join(acc, v), undefined) ?? UNKNOWN;
  if (method === 'values' || method === 'copy') return seq([all]);
  if (method === 'items') return seq([seq([SCALAR, all])]);
  if (method === 'get' || method === 'pop') return all;
  return UNKNOWN;
}

function superCall(method: string, node: Node, st: FnState): Value {
  const args = evalArgs(node, st);
  if (method === '_conv_forward')
    return recordOp(node, 'torch.nn.functional.conv2d', CONV_OPS.get('torch.nn.functional.conv2d')!, args, st);
  if (method === 'forward' && st.cls?.baseParams === 'param')
    return recordLayerCall(node, { family: 'conv', text: 'self' }, args, st, 'self');
  return UNKNOWN;
}

type Special = (node: Node, args: Args, st: FnState) => Value | undefined;

/** `torch.jit.trace(model, x)`, `torch.onnx.export(model, x)`: the model is called with the rest. */
const traced: Special = (node, args, st) => {
  const model = args.positional[0];
  if (model?.value.kind !== 'model') return undefined;
  return recordModelCall(node, model.value, model.node.text, { ...args, positional: args.positional.slice(1) }, st);
};

/** A sparse tensor wraps its features: its dtype is theirs, and fixes cast the features. */
const sparseConvTensor: Special = (_node, args) => {
  const features = args.positional[0];
  return features?.value.kind === 'tensor' ? { ...features.value, sparseFeatures: features.node } : UNKNOWN;
};

/**
 * The few functions with a transfer of their own, by qualified name (undefined: not theirs to
 * decide, the general rules below apply).
 */
const SPECIAL_FUNCTIONS: ReadonlyMap<string, Special> = new Map<string, Special>([
  [
    'torch.from_numpy',
    (node) => ({
      kind: 'tensor',
      d: BY_CAUSE.numpy,
      cause: 'numpy',
      steps: [stepOf(node, `${node.text} is float64 (numpy's default)`)],
    }),
  ],
  ['mmcv.ops.SparseConvTensor', sparseConvTensor],
  ['mmcv.ops.sparse_structure.SparseConvTensor', sparseConvTensor],
  ['torch.nn.Parameter', (_node, args) => args.positional[0]?.value ?? UNKNOWN],
  ['torch.is_floating_point', (_node, args) => floatTest(args.positional[0]?.value)],
  // torch >= 1.6: wrap_fp16_model only switches mmcv's decorators on; the weights stay float32.
  ['torch.jit.trace', traced],
  ['torch.onnx.export', traced],
]);

function evalQualified(q: string, node: Node, st: FnState): Value {
  const args = evalArgs(node, st);
  const op = CONV_OPS.get(q);
  if (op && (!op.moduleOnly || inModuleCode(st)) && (!op.fromModule || st.inModule)) return recordOp(node, q, op, args, st);
  if (CREATORS.has(q)) return creation(q, node, args, st);
  // torch.IntTensor(...), torch.LongTensor(...): integer tensors.
  if (isIntegralDtype(q)) return integral(stepOf(node));
  if (LIKE.has(q)) {
    const like = args.positional[0]?.value;
    const dtype = args.keywords.get('dtype')?.value;
    if (isIntegral(dtype)) return integral(stepOf(node));
    if (dtype?.kind === 'dtype') return isKnownDtype(dtype) ? withStep({ ...dtype, kind: 'tensor' }, stepOf(node)) : UNKNOWN;
    return like?.kind === 'tensor' ? withStep(like, stepOf(node)) : UNKNOWN;
  }
  const special = SPECIAL_FUNCTIONS.get(q)?.(node, args, st);
  if (special) return special;
  const custom = CUSTOM_MODULES.get(q);
  if (LAYER_CLASSES.has(q) || LAYER_FACTORIES.has(q) || NORM_CLASSES.has(q) || custom) {
    const family = NORM_CLASSES.has(q) ? 'norm' : custom ? 'custom' : q.endsWith('Linear') ? 'linear' : 'conv';
    const value = construct(node, st, family, args);
    if (custom && value.kind === 'submodule') return { ...value, module: { ...value.module, custom } };
    if (custom && value.kind === 'model' && value.module) return { ...value, module: { ...value.module, custom } };
    return value;
  }
  if (!st.cls && /^torch\.nn\.[A-Z]\w*$/.test(q)) return construct(node, st, 'custom', args);
  const last = q.slice(q.lastIndexOf('.') + 1);
  if (!q.startsWith('torch.')) return UNKNOWN;
  if (NON_FLOAT.has(last)) return UNKNOWN;
  if (COMBINE.has(last)) return combine(args, node);
  // torch.meshgrid(a, b): one grid per argument, each of the promoted dtype.
  if (last === 'meshgrid') {
    const grid = combine(args, node);
    return grid.kind === 'tensor' ? seq(args.positional.map(() => grid)) : UNKNOWN;
  }
  let first = args.positional[0]?.value;
  if (first?.kind !== 'tensor') return UNKNOWN;
  if (REDUCTIONS.has(last)) first = reduced(first, args, 1);
  if (AUTOCAST_FP32.has(last)) {
    const dtype = args.keywords.get('dtype')?.value;
    if (dtype?.kind === 'dtype') return tensorOfDtype(dtype, stepOf(node));
    return autocastFloat32(first, st);
  }
  return first;
}

/** `torch.cat([a, b])`, `torch.where(c, a, b)`: the result promotes across every tensor argument. */
function combine(args: Args, node: Node): Value {
  const values: Value[] = [];
  const add = (v: Value) => {
    if (v.kind === 'seq') v.items?.forEach(add);
    else if (v.kind === 'tensor') values.push(v);
  };
  args.positional.forEach((a) => add(a.value));
  if (!values.length) return UNKNOWN;
  const step = stepOf(node);
  let acc = values[0]!;
  for (const v of values.slice(1)) acc = promote(acc, v, step);
  return acc;
}

/** A layer built inside a function: inside a module method it is created after `.half()`, so never converted. */
function construct(
  node: Node,
  st: FnState,
  family: 'conv' | 'linear' | 'norm' | 'custom',
  args: Args,
  className?: string,
): Value {
  if (st.cls && st.fn.childForFieldName('name')?.text !== '__init__') {
    return {
      kind: 'submodule',
      steps: [],
      module: {
        family,
        unconverted: true,
        text: node.text,
        line: node.startPosition.row,
        how: `is created inside ${st.fn.childForFieldName('name')?.text}, after the model was converted`,
      },
    };
  }
  if (!st.cls)
    return {
      kind: 'model',
      steps: [stepOf(node)],
      modelDtype: builtDtype(args),
      module: className ? { family, text: node.text, className } : undefined,
    };
  return UNKNOWN;
}

/**
 * The dtype a script-level layer is built in: float32, or what `dtype=` names
 * (`nn.LayerNorm(d, dtype=torch.float16)`); 0, not checked, for a dtype we cannot read.
 */
function builtDtype(args: Args): Bits {
  if (!args.keywords.has('dtype')) return F32;
  const dtype = args.keywords.get('dtype')!.value;
  return isKnownDtype(dtype) && isSingleDtype(dtype.d.half) ? dtype.d.half : NO_DTYPE;
}

/** Script level: `model.half()`, `model.to(torch.float16)`, `model.eval()` keep or change the model's dtype. */
function modelMethod(model: ModelValue, method: string, node: Node, args: Args, st: FnState): Value {
  let dtype = model.modelDtype;
  if (method === 'half') dtype = F16;
  else if (method === 'float') dtype = F32;
  else if (method === 'to') {
    const target = argFor(args, 0, 'dtype')?.value;
    const second = args.positional[1]?.value;
    const d = target?.kind === 'dtype' ? target.d.half : second?.kind === 'dtype' ? second.d.half : undefined;
    if (d) dtype = d;
  } else if (method === 'parameters' || method === 'buffers') {
    const param: Value = { kind: 'tensor', d: sameUnderAll(dtype ?? NO_DTYPE), cause: 'module', steps: [stepOf(node)] };
    return seq([param]);
  } else if (!['eval', 'train', 'cuda', 'cpu', 'requires_grad_', 'zero_grad'].includes(method)) return UNKNOWN;
  const value: ModelValue = { ...model, modelDtype: dtype, steps: dtype !== model.modelDtype ? [stepOf(node)] : model.steps };
  // `model.half()` converts in place: the variable itself now holds the converted model.
  const receiver = node.childForFieldName('function')?.childForFieldName('object');
  if (receiver?.type === 'identifier') st.env.set(receiver.text, value);
  return value;
}

export { LAYER_OUT };
