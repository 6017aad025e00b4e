/**
 * Module knowledge: what each class's `__init__` (and the builder methods it calls) registers, so
 * that `self.x` reads know whether `.half()` converts them (parameters, buffers, submodules) or not.
 */
import type { SyntaxNode as Node } from '../syntax';
import { qualify, type ImportMap } from '../imports';
import {
  CUSTOM_MODULES,
  FP32_OUTPUT_CLASSES,
  KEEP_DTYPE_CLASSES,
  LAYER_CLASSES,
  LAYER_FACTORIES,
  NORM_CLASSES,
  PARAM_BASES,
  type CustomModuleSpec,
} from '../ops';
import { dottedName, textStartsWith } from '../nodeHelpers';
import {
  endsInFp32Layer,
  freshTensorHelper,
  localCallee,
  isTensorCreation,
  isZeroDimCreation,
  takesDtypeFromCaller,
  numpyFloat64,
  tensorExpression,
} from './initExpressions';
import type { SubmoduleInfo } from './lattice';
import { mergeClasses } from './mergeClasses';
import { isStatelessTorchModule } from './stateless';

export type AttrKind = 'param' | 'plain-tensor' | 'plain-params' | 'submodule' | 'plain-modules' | 'other';

export interface AttrFact {
  kind: AttrKind;
  module?: SubmoduleInfo;
  custom?: CustomModuleSpec;
  /** The statement that defines it (for the register_buffer fix and messages). */
  statement: Node;
  /** The defining value expression. */
  value?: Node;
  /** A plain tensor made from a float64 numpy array. */
  float64?: boolean;
  /** A 0-dim tensor or parameter (`torch.tensor(1e-6)`): it does not promote a dimensioned activation. */
  zeroDim?: boolean;
}

export interface ClassFacts {
  name: string;
  node: Node;
  bases: string[];
  attrs: Map<string, AttrFact>;
  methods: Map<string, Node>;
  /** The top-level statements these facts were read from: the class's own and its local bases'. */
  units: Node[];
  /** `self.weight`/`self.bias` come from a torch layer base: 'param' or 'norm'. */
  baseParams?: 'param' | 'norm';
  /** A base this file does not define and we do not know: unknown attributes stay unknown. */
  customBase?: CustomModuleSpec;
  autogradFunction: boolean;
  /**
   * Methods that run when the module is built or prepared for deployment, before any conversion:
   * `__init__`, its builders, and methods off the forward path that build layers or write
   * parameters (`fuse()`, `reparameterize()`). Their ops run in float32 and are not judged.
   */
  buildSteps: Set<string>;
}

const PARAM = new Set(['torch.nn.Parameter', 'torch.nn.parameter.Parameter']);
const REGISTERED_CONTAINERS = new Set(
  ['ParameterList', 'ParameterDict', 'ModuleList', 'ModuleDict', 'Sequential'].map((n) => `torch.nn.${n}`),
);

/**
 * A subclass of `nn.GroupNorm` (directly or through a class of this file): mmcv's
 * `patch_norm_fp32` (in `wrap_fp16_model`) keeps every GroupNorm in float32 and wraps its forward
 * to cast half arguments to float32 and the output back to half (`isinstance` covers subclasses).
 */
export function isGroupNormClass(cls: ClassFacts, classes: ReadonlyMap<string, ClassFacts>, depth = 0): boolean {
  if (cls.bases.includes('torch.nn.GroupNorm')) return true;
  if (depth > 4) return false;
  return cls.bases.some((b) => {
    const parent = classes.get(b);
    return !!parent && parent !== cls && isGroupNormClass(parent, classes, depth + 1);
  });
}

/**
 * A class that defines `__call__` and no `forward` and has no torch base: a feature extractor, a
 * data transform, a processor, not an `nn.Module` (a module's `__call__` runs its `forward`).
 * `model.half()` and the autocast of a model's forward never reach its methods.
 */
export function isPlainCallable(cls: ClassFacts): boolean {
  return cls.methods.has('__call__') && !cls.methods.has('forward') && !cls.bases.some((b) => b.startsWith('torch.'));
}

/** The top-level statement that holds a node. */
export function unitOf(node: Node): Node {
  let n = node;
  while (n.parent && n.parent.type !== 'module') n = n.parent;
  return n;
}

type OwnFacts = { imports: string; facts: ClassFacts[] };

/**
 * The classes of one top-level statement before inheritance, kept while the statement, the
 * imports and the helper statements they were read from (`ClassFacts.units`) are: derived from
 * those nodes and the imports key alone, so no session needs to drop them.
 */
const ownFacts = new WeakMap<Node, OwnFacts>();

/**
 * Reads every class of the file (top level and nested) into facts, bases resolved within the file.
 * Classes are shared with earlier calls while they and their bases are unchanged: never change them.
 */
export function collectClasses(root: Node, imports: ImportMap): Map<string, ClassFacts> {
  const own = new Map<string, ClassFacts>();
  // The file's top-level function names are part of the key: a helper added or renamed after a
  // class that calls it is met when the class is read again.
  const key = JSON.stringify([...imports, ...topLevelFunctionNames(root)]);
  // Last statement first: of two classes with one name, the first in the file wins.
  const units = root.namedChildren;
  // Statements an edit did not touch keep their nodes, each a child of the current root: facts
  // read from these alone still hold.
  for (let i = units.length - 1; i >= 0; i--) {
    const unit = units[i]!;
    let kept = ownFacts.get(unit);
    const holds = kept?.imports === key && kept.facts.every((f) => f.units.every((u) => u.parent === root));
    if (!kept || !holds) {
      kept = { imports: key, facts: classesIn(unit, imports) };
      // A statement without classes is searched again in a few steps: only the others are kept,
      // until the statement or a helper function their facts were read from changes.
      if (kept.facts.length) ownFacts.set(unit, kept);
    }
    for (const facts of kept.facts) own.set(facts.name, facts);
  }
  return mergeClasses(own);
}

/** The names of the file's top-level functions, in order. */
function topLevelFunctionNames(root: Node): string[] {
  const names: string[] = [];
  for (const unit of root.namedChildren) {
    const fn = unit?.type === 'decorated_definition' ? unit.childForFieldName('definition') : unit;
    if (fn?.type === 'function_definition') names.push(fn.childForFieldName('name')?.text ?? '');
  }
  return names;
}

/** The classes defined in a statement (nested in blocks, ifs and tries too), in the order later ones win. */
function classesIn(unit: Node, imports: ImportMap): ClassFacts[] {
  const found: ClassFacts[] = [];
  const stack: Node[] = [unit];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'class_definition') {
      const facts = readClass(node, imports);
      if (facts) found.push(facts);
    }
    if (
      node.type === 'block' ||
      node.type === 'class_definition' ||
      node.type === 'decorated_definition' ||
      node.type === 'if_statement' ||
      node.type === 'try_statement'
    )
      for (const child of node.namedChildren) if (child) stack.push(child);
  }
  return found;
}

function readClass(node: Node, imports: ImportMap): ClassFacts | undefined {
  const name = node.childForFieldName('name')?.text;
  const body = node.childForFieldName('body');
  if (!name || !body) return undefined;
  const bases: string[] = [];
  for (const arg of node.childForFieldName('superclasses')?.namedChildren ?? []) {
    const dotted = arg && dottedName(arg);
    if (dotted) bases.push(qualify(dotted, imports));
  }
  const methods = new Map<string, Node>();
  for (const child of body.namedChildren) {
    const fn = child?.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
    const fname = fn?.type === 'function_definition' ? fn.childForFieldName('name')?.text : undefined;
    if (fn && fname) methods.set(fname, fn);
  }
  const facts: ClassFacts = {
    name,
    node,
    bases,
    attrs: new Map(),
    methods,
    units: [unitOf(node)],
    autogradFunction: bases.some((b) => b === 'torch.autograd.Function'),
    buildSteps: new Set(),
  };
  for (const base of bases) {
    if (PARAM_BASES.has(base)) facts.baseParams = NORM_CLASSES.has(base) ? 'norm' : 'param';
    const custom = CUSTOM_MODULES.get(base);
    if (custom) facts.customBase = custom;
  }
  const init = methods.get('__init__');
  const builders = new Set<string>();
  if (init) readBuilderCalls(init, methods, builders, 0);
  const forwardPath = forwardMethods(methods, builders);
  for (const [mname, fn] of methods) {
    // Only a layer built on the forward path is known to be built after `.half()`; a method that
    // `forward` never reaches is a builder (`_init_layers` called by a base's `__init__` in another
    // file) or a deploy step (`reparameterize`), run before conversion.
    const inInit = mname === '__init__' || builders.has(mname) || !forwardPath.has(mname);
    readAssignments(fn, facts, imports, inInit);
  }
  for (const fn of methods.values()) readListRegistrations(fn, facts);
  for (const [mname, fn] of methods)
    if (mname === '__init__' || builders.has(mname) || (!forwardPath.has(mname) && buildsOrWritesWeights(fn, imports)))
      facts.buildSteps.add(mname);
  // A class that forwards half()/to()/_apply() to a plain object converts it after all (mmdet's KD detectors).
  const converters = ['half', 'to', '_apply', 'float'].map((m) => methods.get(m)?.text ?? '').join('\n');
  for (const [name, fact] of facts.attrs) {
    if (fact.module?.unconverted && fact.kind === 'submodule' && converters.includes(`self.${name}.`))
      fact.module = { ...fact.module, unconverted: false };
  }
  return facts;
}

/** Methods called as `self.m(...)` from `__init__` (and from those, two levels deep) build the module. */
function readBuilderCalls(fn: Node, methods: Map<string, Node>, found: Set<string>, depth: number): void {
  if (depth > 2) return;
  walkStatements(fn, (node) => {
    if (node.type !== 'call') return;
    const name = dottedName(node.childForFieldName('function'));
    const m = name && /^self\.(\w+)$/.exec(name);
    if (m && methods.has(m[1]!) && !found.has(m[1]!)) {
      found.add(m[1]!);
      readBuilderCalls(methods.get(m[1]!)!, methods, found, depth + 1);
    }
  });
}

/** A method that constructs a layer or writes a parameter's data (`m.weight.data.copy_(w)`, `.weight.data = k`). */
function buildsOrWritesWeights(fn: Node, imports: ImportMap): boolean {
  let found = false;
  walkStatements(fn, (node) => {
    if (found) return;
    if (node.type === 'call') {
      const name = dottedName(node.childForFieldName('function'));
      const q = name ? qualify(name, imports) : '';
      found = LAYER_CLASSES.has(q) || LAYER_FACTORIES.has(q) || NORM_CLASSES.has(q) || /\.data\.copy_$/.test(name ?? '');
    } else if (node.type === 'assignment') found = /\.data$/.test(node.childForFieldName('left')?.text ?? '');
  });
  return found;
}

/** `forward` (and `forward_*`, `__call__`) and every method they reach through `self.name`, less the builders. */
function forwardMethods(methods: Map<string, Node>, builders: Set<string>): Set<string> {
  const reached = new Set<string>();
  const queue = [...methods.keys()].filter((m) => /^forward/.test(m) || m === '__call__');
  while (queue.length) {
    const name = queue.pop()!;
    if (reached.has(name) || name === '__init__' || builders.has(name)) continue;
    reached.add(name);
    walkStatements(methods.get(name)!, (node) => {
      if (node.type !== 'attribute' || node.childForFieldName('object')?.text !== 'self') return;
      const attr = node.childForFieldName('attribute')?.text;
      if (attr && methods.has(attr) && !reached.has(attr)) queue.push(attr);
    });
  }
  return reached;
}

/** Visits the nodes of a function body, not entering nested functions or classes. */
export function walkStatements(fn: Node, visit: (node: Node) => void): void {
  const body = fn.childForFieldName('body');
  if (!body) return;
  const stack: Node[] = [body];
  while (stack.length) {
    const node = stack.pop()!;
    visit(node);
    // Children pushed last-first, so statements are visited in document order.
    const children = node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (!child || child.type === 'function_definition' || child.type === 'class_definition' || child.type === 'lambda')
        continue;
      stack.push(child);
    }
  }
}

function readAssignments(fn: Node, facts: ClassFacts, imports: ImportMap, inInit: boolean): void {
  walkStatements(fn, (node) => {
    if (node.type === 'assignment') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !textStartsWith(left, 'self.')) return;
      const text = left.text;
      const m = /^self\.(\w+)$/.exec(text);
      // Facts read from a call of a helper of this file depend on the helper's statement too, whatever
      // it returns now (see collectClasses' cache): an edit there can make it return a plain tensor.
      const callee = m && right ? localCallee(right) : undefined;
      if (callee && !facts.units.includes(unitOf(callee))) facts.units.push(unitOf(callee));
      const helper = callee && freshTensorHelper(right!, imports);
      if (m && right && helper) {
        record(facts, m[1]!, { kind: 'plain-tensor', statement: node, value: right });
      } else if (m && right) record(facts, m[1]!, classify(right, imports, node, inInit, `self.${m[1]}`));
      // self.__dict__['teacher'] = model: kept out of the module tree.
      const d = /^self\.__dict__\[['"](\w+)['"]\]$/.exec(text);
      if (d && right) record(facts, d[1]!, plainObject(node, right, `self.${d[1]}`));
    } else if (node.type === 'call') {
      readRegistration(node, facts, imports, inInit);
    }
  });
}

function record(facts: ClassFacts, name: string, fact: AttrFact | undefined): void {
  if (!fact) return;
  const old = facts.attrs.get(name);
  // A registration anywhere wins over a plain assignment of the same name (`self.x = None` first).
  if (old && old.kind !== 'other' && fact.kind === 'other') return;
  if (old?.kind === 'param' && fact.kind === 'plain-tensor') return;
  facts.attrs.set(name, fact);
}

function plainObject(statement: Node, value: Node, text: string): AttrFact {
  return {
    kind: 'submodule',
    statement,
    value,
    module: {
      family: 'custom',
      unconverted: true,
      text,
      line: statement.startPosition.row,
      how: 'kept as a plain object outside the module tree',
    },
  };
}

function readRegistration(call: Node, facts: ClassFacts, imports: ImportMap, inInit: boolean): void {
  const fnNode = call.childForFieldName('function');
  // Every call read below is on `self` or `object`, the first name of the dotted callee.
  if (!fnNode || !(textStartsWith(fnNode, 'self') || textStartsWith(fnNode, 'object'))) return;
  const fname = dottedName(fnNode);
  const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment') ?? [];
  const key = args[0]?.type === 'string' ? /^[rbuf]*['"](\w+)['"]$/i.exec(args[0].text)?.[1] : undefined;
  if (fname === 'self.register_buffer' || fname === 'self.register_parameter') {
    if (key) record(facts, key, { kind: 'param', statement: call });
  } else if (fname === 'self.add_module') {
    if (key && args[1])
      record(
        facts,
        key,
        classify(args[1], imports, call, inInit, `self.${key}`) ?? {
          kind: 'submodule',
          statement: call,
          module: { family: 'custom', text: `self.${key}` },
        },
      );
  } else if (fname === 'object.__setattr__' && args[0]?.text === 'self' && args[2]) {
    const name = args[1]?.type === 'string' ? /^['"](\w+)['"]$/.exec(args[1].text)?.[1] : undefined;
    if (name) record(facts, name, plainObject(call, args[2], `self.${name}`));
  } else {
    // self.layers.append(nn.Conv2d(...)) into a plain list
    const m = fname && /^self\.(\w+)\.append$/.exec(fname);
    const fact = m ? facts.attrs.get(m[1]!) : undefined;
    if (fact && fact.kind === 'other' && fact.value?.type === 'list' && args[0]) {
      const item = classify(args[0], imports, call, inInit, `self.${m![1]}`);
      if (item?.kind === 'param' || item?.kind === 'plain-tensor') fact.kind = 'plain-params';
      else if (item?.kind === 'submodule') {
        fact.kind = 'plain-modules';
        fact.module = { ...item.module!, unconverted: true, text: `self.${m![1]}`, how: 'kept in a plain Python list' };
      }
    }
  }
}

/**
 * A plain list whose items are also registered one by one (`self.add_module(name, self.heads[-1])`,
 * `setattr(self, name, head)` of an appended `head`, `self.register_parameter(name, p)`) is in the
 * module tree after all: `.half()` converts each item through its registered name.
 */
function readListRegistrations(fn: Node, facts: ClassFacts): void {
  const registered: string[] = [];
  const appended = new Map<string, string[]>();
  const locals = new Map<string, string>();
  walkStatements(fn, (node) => {
    if (node.type === 'assignment' && node.childForFieldName('left')?.type === 'identifier')
      locals.set(node.childForFieldName('left')!.text, node.childForFieldName('right')?.text ?? '');
    if (node.type !== 'call') return;
    const name = dottedName(node.childForFieldName('function'));
    const args = node.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment') ?? [];
    if (name === 'self.add_module' || name === 'self.register_parameter' || name === 'self.register_module') {
      if (args[1]) registered.push(args[1].text, ...loopSources(node, args[1]));
    } else if (name === 'setattr' && args[0]?.text === 'self' && args[2])
      registered.push(args[2].text, ...loopSources(node, args[2]));
    const m = name && /^self\.(\w+)\.append$/.exec(name);
    if (m && args[0]) appended.set(m[1]!, [...(appended.get(m[1]!) ?? []), args[0].text]);
  });
  if (!registered.length) return;
  // `head = self.heads[-1]; setattr(self, name, head)`: the local stands for what it was assigned.
  for (const r of [...registered]) {
    const assigned = locals.get(r);
    if (assigned) registered.push(assigned);
  }
  for (const [attr, fact] of facts.attrs) {
    if (fact.kind !== 'plain-modules' && fact.kind !== 'plain-params') continue;
    const items = appended.get(attr) ?? [];
    const viaList = (text: string) => text === `self.${attr}` || text.startsWith(`self.${attr}[`);
    if (registered.some((r) => viaList(r) || items.includes(r)))
      facts.attrs.set(attr, { ...fact, kind: 'other', module: undefined });
  }
}

/**
 * The lists a registered loop variable walks: `for i, layer in enumerate(self.layers):
 * self.add_module(str(i), layer)` registers every item of `self.layers`. Only a loop over the
 * whole list counts (`self.layers`, or it inside `enumerate` / `zip` / `reversed`), not a slice.
 */
function loopSources(call: Node, item: Node): string[] {
  if (item.type !== 'identifier') return [];
  const found: string[] = [];
  for (let n = call.parent; n && n.type !== 'function_definition'; n = n.parent) {
    if (n.type !== 'for_statement') continue;
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    const names = left?.type === 'identifier' ? [left] : (left?.namedChildren ?? []);
    if (!right || !names.some((c) => c?.type === 'identifier' && c.text === item.text)) continue;
    const fn = right.type === 'call' ? dottedName(right.childForFieldName('function')) : undefined;
    const walked =
      fn === 'enumerate' || fn === 'zip' || fn === 'reversed'
        ? (right.childForFieldName('arguments')?.namedChildren ?? [])
        : [right];
    for (const w of walked) if (w && /^self\.\w+$/.test(w.text)) found.push(w.text);
  }
  return found;
}

/** What `self.x = value` makes of x. */
function classify(value: Node, imports: ImportMap, statement: Node, inInit: boolean, text: string): AttrFact | undefined {
  const line = statement.startPosition.row;
  if (
    value.type === 'list' ||
    value.type === 'list_comprehension' ||
    value.type === 'tuple' ||
    value.type === 'dictionary' ||
    value.type === 'dictionary_comprehension'
  ) {
    const items = (value.type.endsWith('comprehension') ? [value.childForFieldName('body')] : value.namedChildren).map((p) =>
      p?.type === 'pair' ? p.childForFieldName('value') : p,
    );
    let kind: AttrKind = 'other';
    let module: SubmoduleInfo | undefined;
    for (const item of items) {
      // A loss or activation object in the container holds nothing that `.half()` would convert.
      if (item && isStatelessTorchModule(item, imports)) continue;
      const f = item ? classify(item, imports, statement, inInit, text) : undefined;
      if (f?.kind === 'param' || f?.kind === 'plain-tensor') kind = 'plain-params';
      else if (f?.kind === 'submodule' && kind === 'other') {
        kind = 'plain-modules';
        module = {
          ...f.module!,
          unconverted: true,
          text,
          line,
          statement,
          how: `kept in a plain Python ${value.type.startsWith('dict') ? 'dict' : 'list'}`,
        };
      }
    }
    return { kind, statement, value, module };
  }
  // `nn.Parameter(...) if bias else None`: the attribute is what the other side makes (or None).
  if (value.type === 'conditional_expression') {
    const [a, , b] = value.namedChildren;
    const made = a?.type === 'none' ? b : b?.type === 'none' ? a : undefined;
    if (made) {
      const f = classify(made, imports, statement, inInit, text);
      if (f && (f.kind === 'param' || f.kind === 'submodule')) return { ...f, value };
    }
  }
  if (value.type !== 'call')
    return tensorExpression(value, imports, statement)
      ? { kind: 'plain-tensor', statement, value, float64: numpyFloat64(value, statement) }
      : { kind: 'other', statement, value };
  const fn = value.childForFieldName('function');
  // nn.Conv2d(...).to(x.device) / .cuda(): still the layer, still not converted to half.
  const inner = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
  const chained = fn?.childForFieldName('attribute')?.text;
  if (inner?.type === 'call' && chained && ['cuda', 'cpu', 'eval', 'train', 'to', 'half', 'float', 'type'].includes(chained)) {
    const base = classify(inner, imports, statement, inInit, text);
    const argsText = value.childForFieldName('arguments')?.text ?? '';
    const deviceOnly =
      chained === 'cuda' ||
      chained === 'cpu' ||
      chained === 'eval' ||
      chained === 'train' ||
      (chained === 'to' && /device|cuda|cpu/.test(argsText) && !/dtype|half|float/.test(argsText));
    if (base?.kind === 'submodule' && base.module)
      return { ...base, value, module: deviceOnly ? base.module : { ...base.module, unconverted: false } };
  }
  const name = dottedName(fn);
  const q = name ? qualify(name, imports) : undefined;
  if (q && PARAM.has(q)) {
    const data = value.childForFieldName('arguments')?.namedChildren.find((a) => a && a.type !== 'comment');
    return { kind: 'param', statement, value, zeroDim: (!!data && isZeroDimCreation(data, imports)) || undefined };
  }
  if (q && REGISTERED_CONTAINERS.has(q))
    return {
      kind: 'submodule',
      statement,
      value,
      module: { family: 'container', text, line, fp32Out: endsInFp32Layer(value, imports) || undefined },
    };
  if (q) {
    const family =
      LAYER_CLASSES.has(q) || LAYER_FACTORIES.has(q)
        ? q.endsWith('Linear')
          ? 'linear'
          : 'conv'
        : NORM_CLASSES.has(q)
          ? 'norm'
          : undefined;
    const custom = CUSTOM_MODULES.get(q);
    const lazy = !inInit ? { unconverted: true, how: 'created in a method after the model was converted' } : {};
    if (family)
      return {
        kind: 'submodule',
        statement,
        value,
        module: { family, text, line, fp32Out: FP32_OUTPUT_CLASSES.has(q) || undefined, ...lazy },
      };
    if (FP32_OUTPUT_CLASSES.has(q))
      return { kind: 'submodule', statement, value, module: { family: 'custom', text, line, fp32Out: true } };
    if (KEEP_DTYPE_CLASSES.has(q))
      return { kind: 'submodule', statement, value, module: { family: 'custom', text, line, keepsDtype: true } };
    if (custom) return { kind: 'submodule', statement, value, custom, module: { family: 'custom', text, line, custom, ...lazy } };
    // Made with the dtype its caller passes (`dtype=dtype`): not float32, whatever it is.
    if (isTensorCreation(value, imports))
      return takesDtypeFromCaller(value, imports)
        ? { kind: 'other', statement, value }
        : { kind: 'plain-tensor', statement, value, zeroDim: isZeroDimCreation(value, imports) || undefined };
    const last = q.split('.').pop()!;
    if (/^[A-Z]/.test(last) && !/^[A-Z0-9_]+$/.test(last))
      return {
        kind: 'submodule',
        statement,
        value,
        module: { family: 'custom', text, line, className: q === name ? q : undefined },
      };
  }
  if (tensorExpression(value, imports, statement))
    return { kind: 'plain-tensor', statement, value, float64: numpyFloat64(value, statement) };
  return { kind: 'other', statement, value };
}
