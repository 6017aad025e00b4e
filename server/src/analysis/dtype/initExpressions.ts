/** Reading `__init__` expressions: is this value a tensor built here, a float64 numpy tensor, a float32-ending layer stack? */
import type { SyntaxNode as Node } from '../syntax';
import { qualify, type ImportMap } from '../imports';
import { FP32_OUTPUT_CLASSES, LAYER_CLASSES, NORM_CLASSES } from '../ops';
import { dottedName } from '../nodeHelpers';
import { CREATORS, dtypeConstant, isIntegralDtype } from './torchApi';

/** `nn.Sequential(conv, nn.GroupNorm(...), nn.ReLU())`: the last layer that sets the dtype runs in float32 under autocast. */
export function endsInFp32Layer(call: Node, imports: ImportMap): boolean {
  let last: string | undefined;
  for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
    const name = arg?.type === 'call' ? dottedName(arg.childForFieldName('function')) : undefined;
    const q = name ? qualify(name, imports) : undefined;
    if (q && (LAYER_CLASSES.has(q) || FP32_OUTPUT_CLASSES.has(q) || NORM_CLASSES.has(q))) last = q;
  }
  return !!last && FP32_OUTPUT_CLASSES.has(last);
}

/** A tensor built here: a creation call, or a local variable assigned one earlier in the same function. */
export function tensorExpression(value: Node, imports: ImportMap, statement: Node, depth = 0): boolean {
  if (depth > 4) return false;
  if (isTensorCreation(value, imports)) return true;
  let node: Node | null = value;
  while (
    node?.type === 'call' ||
    node?.type === 'attribute' ||
    node?.type === 'parenthesized_expression' ||
    node?.type === 'binary_operator'
  ) {
    if (node.type === 'binary_operator') {
      const l = node.childForFieldName('left');
      const r = node.childForFieldName('right');
      return (
        (!!l && tensorExpression(l, imports, statement, depth + 1)) || (!!r && tensorExpression(r, imports, statement, depth + 1))
      );
    }
    if (node.type === 'call' && isTensorCreation(node, imports)) return true;
    node =
      node.type === 'call'
        ? node.childForFieldName('function')
        : node.type === 'attribute'
          ? node.childForFieldName('object')
          : node.namedChildren[0];
  }
  if (node?.type !== 'identifier' || node === value) return false;
  const assigned = lastAssignment(statement, node.text);
  return !!assigned && tensorExpression(assigned, imports, assigned, depth + 1);
}

/** The value last assigned to a local name before `statement`, in the same block. */
export function lastAssignment(statement: Node, name: string): Node | undefined {
  let stmt: Node | null = statement;
  while (stmt && stmt.parent?.type !== 'block') stmt = stmt.parent;
  for (let prev = stmt?.previousNamedSibling; prev; prev = prev.previousNamedSibling) {
    const a = prev.type === 'expression_statement' ? prev.namedChildren[0] : null;
    if (a?.type === 'assignment' && a.childForFieldName('left')?.text === name) return a.childForFieldName('right') ?? undefined;
  }
  return undefined;
}

/** A plain tensor built from a numpy array that is not float32 keeps numpy's float64. */
export function numpyFloat64(value: Node, statement: Node): boolean {
  const texts: string[] = [];
  const seen = new Set<string>();
  const visit = (node: Node, depth: number) => {
    texts.push(node.text);
    if (depth > 4) return;
    for (const m of node.text.matchAll(/\b[a-z_]\w*\b/g)) {
      if (seen.has(m[0])) continue;
      seen.add(m[0]);
      const assigned = lastAssignment(statement, m[0]);
      if (assigned) visit(assigned, depth + 1);
    }
  };
  visit(value, 0);
  const all = texts.join('\n');
  return /\b(np|numpy)\./.test(all) && !/float32|int\d*\b|long/.test(all);
}

/** A creation call, possibly followed by shape/device methods: `torch.tensor(k).view(1, -1).cuda()`. */
export function isTensorCreation(value: Node, imports: ImportMap): boolean {
  let node: Node | null = value;
  while (node?.type === 'call') {
    const fn: Node | null = node.childForFieldName('function');
    const name = dottedName(fn);
    const q = name ? qualify(name, imports) : undefined;
    if (q && (CREATORS.has(q) || q === 'torch.from_numpy')) return true;
    if (fn?.type !== 'attribute') return false;
    node = fn.childForFieldName('object');
  }
  return false;
}

/**
 * `torch.zeros(shape, device=device, dtype=dtype)` in a method that takes the dtype from its caller
 * (a cache set up with the activations' dtype): the tensor has whatever dtype it is given, not
 * float32. A dtype named by a constant (`torch.float32`, `torch.long`) is not this.
 */
export function takesDtypeFromCaller(value: Node, imports: ImportMap): boolean {
  for (let node: Node | null = value; node?.type === 'call';) {
    for (const arg of node.childForFieldName('arguments')?.namedChildren ?? []) {
      if (arg?.type !== 'keyword_argument' || arg.childForFieldName('name')?.text !== 'dtype') continue;
      const name = dottedName(arg.childForFieldName('value'));
      const q = name ? qualify(name, imports) : undefined;
      return !q || (!dtypeConstant(q) && !isIntegralDtype(q));
    }
    const fn: Node | null = node.childForFieldName('function');
    node = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
  }
  return false;
}

/** `torch.tensor(1e-6)`, `torch.tensor(math.sqrt(2.0))`, `torch.tensor(config.scale)`, `torch.empty(())`, `torch.scalar_tensor(s)`: a 0-dim tensor, which never promotes a dimensioned one. */
export function isZeroDimCreation(value: Node, imports: ImportMap): boolean {
  if (value.type !== 'call') return false;
  const name = dottedName(value.childForFieldName('function'));
  const q = name ? qualify(name, imports) : undefined;
  if (q === 'torch.scalar_tensor') return true;
  let first = value
    .childForFieldName('arguments')
    ?.namedChildren.find((a) => a && a.type !== 'comment' && a.type !== 'keyword_argument');
  // torch.empty(()), torch.zeros([]): an empty shape.
  if (q === 'torch.zeros' || q === 'torch.ones' || q === 'torch.empty' || q === 'torch.full')
    return (first?.type === 'tuple' || first?.type === 'list') && first.namedChildren.length === 0;
  if (q !== 'torch.tensor' && q !== 'torch.as_tensor') return false;
  while (first?.type === 'unary_operator') first = first.childForFieldName('argument') ?? undefined;
  if (!first) return false;
  if (first.type === 'integer' || first.type === 'float') return true;
  // `torch.tensor(config.layer_scale)`: one value read off an object, a scalar as in creation().
  if (first.type === 'attribute') return true;
  const callee = first.type === 'call' ? dottedName(first.childForFieldName('function')) : undefined;
  return !!callee && /^(math\.\w+|float|int)$/.test(callee);
}

/** `sinusoid_table(n, d)`: the top-level function of this file the call names, whatever it returns. */
export function localCallee(value: Node): Node | undefined {
  if (value.type !== 'call') return undefined;
  const callee = value.childForFieldName('function');
  if (callee?.type !== 'identifier') return undefined;
  let root: Node | null = value;
  while (root && root.type !== 'module') root = root.parent;
  return (
    root?.namedChildren
      .map((n) => (n?.type === 'decorated_definition' ? n.childForFieldName('definition') : n))
      .find((n) => n?.type === 'function_definition' && n.childForFieldName('name')?.text === callee.text) ?? undefined
  );
}

/**
 * `self.table = sinusoid_table(n, d)`: a call of a top-level function of this file whose every
 * `return` gives a tensor it built with the default dtype (no `dtype=`, no cast). Returns that
 * function's definition, so that the caller can depend on its statement.
 */
export function freshTensorHelper(value: Node, imports: ImportMap): Node | undefined {
  const fn = localCallee(value);
  const body = fn?.childForFieldName('body');
  if (!fn || !body || /\bdtype\b|\.(half|float|double|bfloat16|to|type|type_as)\(|float16|bfloat16/.test(body.text))
    return undefined;
  const returns: Node[] = [];
  const stack: Node[] = [body];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'return_statement') returns.push(node);
    for (const child of node.namedChildren)
      if (child && child.type !== 'function_definition' && child.type !== 'class_definition' && child.type !== 'lambda')
        stack.push(child);
  }
  const built = (r: Node) => {
    let v: Node | undefined = r.namedChildren[0] ?? undefined;
    // `return table`: what the name was last assigned in the same block.
    if (v?.type === 'identifier') v = lastAssignment(r, v.text);
    return !!v && tensorExpression(v, imports, r);
  };
  return returns.length && returns.every(built) ? fn : undefined;
}
