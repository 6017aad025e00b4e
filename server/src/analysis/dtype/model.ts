/** The dtype model of a file: the interpreter run on every entry once per tree, publishing the broken op calls. */
import type { SyntaxNode as Node } from '../syntax';
import { transientSession } from '../session';
import { collectImports } from '../imports';
import { DTYPE_WORDS } from '../prefilter';
import { EXTENSION_LOADERS, EXTENSION_MODULE } from '../ops';
import type { RuleContext } from '../rule';
import { containsWord } from '../nodeHelpers';
import { collectClasses, isPlainCallable, unitOf, type ClassFacts } from './classFacts';
import type { EntryDeps, FileState, Operand } from './context';
import { RUN_STATEMENTS, analyzeFunction, analyzeModule } from './interpret';
import { brokenCall, type BrokenCall } from './broken';
import { mayBeTorchCode, testRunsInFloat32 } from './scope';

// Module-level, not in the session: the broken calls depend on the tree alone (a tree is never
// changed once built) and go with it.
const cache = new WeakMap<Node, readonly BrokenCall[]>();

/** What the dtype model needs of a rule context. */
export type ModelInput = Pick<RuleContext, 'session' | 'source' | 'root' | 'imports' | 'path' | 'onModelError'>;

/**
 * Every broken op call of the file, computed once per tree. A failure of the model is reported
 * once (`onModelError`) and leaves the file without broken calls: the rules then find nothing.
 */
export function brokenCalls(ctx: ModelInput): readonly BrokenCall[] {
  const cached = cache.get(ctx.root);
  if (cached) return cached;
  let found: readonly BrokenCall[] = [];
  try {
    found = run(ctx);
  } catch (error) {
    ctx.onModelError?.(error);
  }
  cache.set(ctx.root, found);
  return found;
}

/** The broken calls of a text parsed afresh, a model failure thrown (the ownership test, tools). */
export function brokenCallsOf(source: string, path?: string, session = transientSession()): readonly BrokenCall[] {
  const root = session.parseSyntax(source);
  const imports = collectImports(root);
  return brokenCalls({
    session,
    source,
    root,
    imports,
    path,
    onModelError: (error) => {
      throw error;
    },
  });
}

/** What an entry's run found, and what it read: reused while all of that is unchanged (an edit elsewhere). */
interface EntryResult {
  /** Broken op calls by node id, in the order the run met them. */
  ops: { id: number; broken: BrokenCall }[];
  /** Functions the run inlined. */
  called: number[];
  /** Top-level statements the run read, with their first row then (the operands' steps hold rows). */
  units: Map<Node, number>;
  deps: EntryDeps;
  cls: Node | undefined;
  context: string;
  budget: number;
  /** Statements run; `used >= budget` means the run was cut short by the budget. */
  used: number;
  /** The module's run: the top-level statements it executed, in order. */
  statements?: readonly Node[];
}

/**
 * Entry results by function node: nodes survive an edit elsewhere in the file (syntax.ts). Not in
 * the session: a result is reused only while everything it read is unchanged, and goes with its node.
 */
const entries = new WeakMap<Node, EntryResult>();

/** Statements the interpreter may run per entry (inlined helpers included): the file's budget shared out, with a floor. */
const FILE_BUDGET = 200_000;
const ENTRY_BUDGET_FLOOR = 5_000;

function run(ctx: ModelInput): BrokenCall[] {
  // Searched part by part (none of these words spans a line break): the text is not joined.
  const text = ctx.root.source;
  if (!text.some((part) => DTYPE_WORDS.test(part))) return [];
  if (!mayBeTorchCode(ctx.imports, text) || testRunsInFloat32(ctx.path, text)) return [];
  const classes = collectClasses(ctx.root, ctx.imports);
  const functions = new Map<string, Node>();
  for (const child of ctx.root.namedChildren) {
    const fn = child?.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
    const name = fn?.type === 'function_definition' ? fn.childForFieldName('name')?.text : undefined;
    if (fn && name) functions.set(name, fn);
  }
  const extModules = extensionModules(ctx.root);
  const applyAliases = applyAliasesOf(ctx.root);
  // Everything file-wide an entry's result depends on besides its lookups.
  const context = JSON.stringify([[...ctx.imports], [...extModules], [...applyAliases]]);
  let current: EntryResult | undefined;
  const file: FileState = {
    imports: ctx.imports,
    classes,
    functions,
    active: new Set(),
    called: new Set(),
    memo: new Map(),
    signatures: new Map(),
    extModules,
    applyAliases,
    budget: 0,
    methodsApplied: ctx.session.methodsApplied,
    onOp(call) {
      const broken = brokenCall(call);
      if (!broken || !current) return !!broken;
      if (!current.ops.some((o) => o.id === call.node.id)) current.ops.push({ id: call.node.id, broken });
      return true;
    },
  };
  const units = ctx.root.namedChildren;
  const budget = Math.max(ENTRY_BUDGET_FLOOR, Math.floor(FILE_BUDGET / (countFunctions(units) + 1)));
  /** `own`: the top-level statements the entry's own code is in (a function's, or those the module's run executes). */
  const runEntry = (key: Node, cls: ClassFacts | undefined, own: readonly Node[], body: () => void): EntryResult => {
    current = {
      ops: [],
      called: [],
      units: new Map(),
      deps: { functions: new Map(), classes: new Map() },
      cls: cls?.node,
      context,
      budget,
      used: 0,
    };
    file.deps = current.deps;
    file.called = new Set();
    file.budget = budget;
    if (cls) file.deps.classes.set(cls.name, { node: cls.node, units: cls.units });
    body();
    const result = current;
    result.used = budget - file.budget;
    result.called = [...file.called];
    const units = new Set<Node>(own);
    for (const fn of result.deps.functions.values()) if (fn) units.add(unitOf(fn));
    for (const c of result.deps.classes.values()) for (const u of c?.units ?? []) units.add(u);
    for (const u of units) result.units.set(u, u.startPosition.row);
    current = undefined;
    file.deps = undefined;
    return result;
  };
  // Each entry's root node id and result, in the order entries run (no object per entry: this runs at every edit).
  const roots: number[] = [];
  const results: EntryResult[] = [];
  // First rows of statements: the methods of a class all read its statement (a search of the line starts each).
  const rows = new Map<Node, number>();
  const rowOf = (unit: Node) => {
    let row = rows.get(unit);
    if (row === undefined) rows.set(unit, (row = unit.startPosition.row));
    return row;
  };
  forEachFunction(units, ({ fn, owner, name }) => {
    const facts = owner?.name !== undefined ? classes.get(owner.name) : undefined;
    const cls = facts && facts.node === owner!.node ? facts : undefined;
    // A build or deploy step runs in float32 before any conversion, and a plain callable (a feature
    // extractor) is no module to convert: not entries of their own.
    if (cls && (cls.buildSteps.has(name) || isPlainCallable(cls))) return;
    let result = entries.get(fn);
    const shift = result && shiftOf(result, ctx.root, file, cls, context, budget, rowOf);
    if (result && shift !== undefined) {
      ctx.session.entryCounts.reused++;
      if (shift !== 0) entries.set(fn, (result = moved(result, shift)));
    } else {
      result = runEntry(fn, cls, [unitOf(fn)], () => analyzeFunction(fn, cls, file));
      entries.set(fn, result);
      ctx.session.entryCounts.run++;
    }
    roots.push(fn.id);
    results.push(result);
  });
  // The module's own run, kept by its first executed statement while the statements it executes
  // are the same ones (a file of definitions only runs nothing).
  const executed = units.filter((u) => RUN_STATEMENTS.has(u.type));
  const moduleKey = executed[0];
  let moduleResult = moduleKey && entries.get(moduleKey);
  const moduleShift =
    moduleResult && sameUnits(moduleResult.statements ?? [], executed)
      ? shiftOf(moduleResult, ctx.root, file, undefined, context, budget, rowOf)
      : undefined;
  if (moduleResult && moduleShift !== undefined) {
    ctx.session.entryCounts.reused++;
    if (moduleShift !== 0)
      entries.set(moduleKey!, (moduleResult = { ...moved(moduleResult, moduleShift), statements: executed }));
  } else {
    moduleResult = { ...runEntry(ctx.root, undefined, executed, () => analyzeModule(ctx.root, file)), statements: executed };
    if (moduleKey) entries.set(moduleKey, moduleResult);
    ctx.session.entryCounts.run++;
  }
  roots.push(ctx.root.id);
  results.push(moduleResult);
  return merge(roots, results);
}

/**
 * Whether a kept result is what running the entry again would give, up to a move: the rows by
 * which everything it read moved (the same for all of it), or undefined when it must run again.
 */
function shiftOf(
  r: EntryResult,
  root: Node,
  file: FileState,
  cls: ClassFacts | undefined,
  context: string,
  budget: number,
  rowOf: (unit: Node) => number,
): number | undefined {
  if (r.context !== context || r.cls !== cls?.node) return undefined;
  if (r.used >= r.budget ? budget !== r.budget : budget <= r.used) return undefined;
  // Keys and lookups rather than entries: this runs for every function at every edit, and each
  // entry read is an array made.
  let shift: number | undefined;
  for (const unit of r.units.keys()) {
    if (unit.parent !== root) return undefined;
    const moved = rowOf(unit) - r.units.get(unit)!;
    if (shift !== undefined && moved !== shift) return undefined;
    shift = moved;
  }
  for (const name of r.deps.functions.keys()) if (file.functions.get(name) !== r.deps.functions.get(name)) return undefined;
  for (const name of r.deps.classes.keys()) {
    const c = r.deps.classes.get(name);
    const now = file.classes.get(name);
    if (now?.node !== c?.node) return undefined;
    if (now && c && !sameUnits(now.units, c.units)) return undefined;
  }
  return shift ?? 0;
}

function sameUnits(a: readonly Node[], b: readonly Node[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A kept result moved down (or up) by `shift` rows with the code it came from: the rows its
 * operands' steps recorded move with it (ranges are read from the nodes, which moved already).
 */
function moved(r: EntryResult, shift: number): EntryResult {
  const ops = r.ops.map(({ id, broken }) => {
    const copies = new Map<Operand, Operand>();
    const copy = <O extends Operand>(o: O): O => {
      let c = copies.get(o) as O | undefined;
      if (!c) {
        c = { ...o, value: { ...o.value, steps: o.value.steps.map((s) => ({ ...s, line: s.line + shift })) } };
        copies.set(o, c);
      }
      return c;
    };
    const call = { ...broken.call, operands: broken.call.operands.map(copy) };
    const bits = new Map([...broken.bits].map(([o, b]) => [copy(o), b] as const));
    return { id, broken: { ...broken, call, reference: copy(broken.reference), blamed: broken.blamed.map(copy), bits } };
  });
  return { ...r, ops, units: new Map([...r.units].map(([u, row]) => [u, row + shift])) };
}

/**
 * One broken call per op call: as the first entry that reached it and is not itself run inline
 * from another entry saw it (a helper's own run would blame what its callers pass).
 */
function merge(roots: readonly number[], results: readonly EntryResult[]): BrokenCall[] {
  const called = new Set<number>();
  for (const result of results) for (const id of result.called) called.add(id);
  const found = new Map<number, BrokenCall | undefined>();
  for (let i = 0; i < results.length; i++) {
    for (const op of results[i]!.ops) {
      if (found.get(op.id) === undefined) found.set(op.id, called.has(roots[i]!) ? undefined : op.broken);
    }
  }
  return [...found.values()].filter((b): b is BrokenCall => !!b);
}

/** Top-level `name = SomeFunction.apply`: calls of `name` run the Function's forward. */
export function applyAliasesOf(root: Node): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const stmt of root.namedChildren) {
    const a = stmt?.type === 'expression_statement' ? stmt.namedChildren[0] : null;
    if (a?.type !== 'assignment') continue;
    const m = /^(\w+)\.apply$/.exec(a.childForFieldName('right')?.text ?? '');
    const left = a.childForFieldName('left');
    if (m && left?.type === 'identifier') aliases.set(left.text, m[1]!);
  }
  return aliases;
}

const isExtensionLoader = (callee: string) => EXTENSION_LOADERS.some((loader) => callee.includes(loader));
const EXTENSION_MODULES = new RegExp(EXTENSION_MODULE.source, 'g');

/** Top-level names of compiled extensions: `ext_module = ext_loader.load_ext(...)`, `from . import _C`. */
function extensionModules(root: Node): Set<string> {
  const names = new Set<string>();
  for (const stmt of root.namedChildren) {
    if (stmt?.type === 'expression_statement') {
      const a = stmt.namedChildren[0];
      const right = a?.type === 'assignment' ? a.childForFieldName('right') : null;
      const left = a?.childForFieldName('left');
      if (
        right?.type === 'call' &&
        left?.type === 'identifier' &&
        isExtensionLoader(right.childForFieldName('function')?.text ?? '')
      )
        names.add(left.text);
    } else if (stmt?.type === 'import_from_statement' || stmt?.type === 'import_statement') {
      for (const m of stmt.text.matchAll(EXTENSION_MODULES)) if (!/^import$|^from$/.test(m[1]!)) names.add(m[1]!);
    }
  }
  return names;
}

/** Nodes that cannot hold a function definition: the walk for definitions does not enter them. */
const LEAF_STATEMENTS = new Set([
  'string',
  'comment',
  'expression_statement',
  'return_statement',
  'pass_statement',
  'import_statement',
  'import_from_statement',
  'future_import_statement',
  'assert_statement',
  'delete_statement',
  'global_statement',
  'nonlocal_statement',
  'raise_statement',
  'break_statement',
  'continue_statement',
  'print_statement',
  'exec_statement',
  'type_alias_statement',
]);

/**
 * Whether a node of this type may hold a function definition in a tree without errors: in the
 * grammar only blocks, compound statements and their clauses do (`if_statement`, `else_clause`,
 * `decorated_definition`...), never an expression. A subtree with an error may hold anything.
 */
function mayHoldDefinitions(type: string): boolean {
  return (
    type === 'block' ||
    type === 'module' ||
    type.endsWith('_statement') ||
    type.endsWith('_clause') ||
    type.endsWith('_definition')
  );
}

/** Whether a function definition may be below the node: where no `def` is written, none is (most bodies). */
function mayHoldDefinition(node: Node): boolean {
  return node.hasError || (mayHoldDefinitions(node.type) && containsWord(node, 'def'));
}

interface FunctionAt {
  fn: Node;
  /** The function's name ('' when it has none): read once, with the statement. */
  name: string;
  /** The class whose body holds the function directly, by node and name. */
  owner?: { node: Node; name: string | undefined };
}

/** The functions of a top-level statement: `head` is the statement itself when it is one, `tail` the ones nested in it. */
interface UnitFunctions {
  head?: FunctionAt;
  tail: readonly FunctionAt[];
}

/** The functions of a top-level statement, kept with it (derived from the node alone). */
const unitFunctions = new WeakMap<Node, UnitFunctions>();

/**
 * Calls `visit` for every function definition: top-level functions in file order, then the nested
 * ones, last statement first (the order entries have always run in).
 */
function forEachFunction(units: readonly Node[], visit: (at: FunctionAt) => void): void {
  for (const unit of units) {
    const head = functionsOf(unit).head;
    if (head) visit(head);
  }
  for (let i = units.length - 1; i >= 0; i--) for (const at of functionsOf(units[i]!).tail) visit(at);
}

/** How many function definitions the statements hold. */
function countFunctions(units: readonly Node[]): number {
  let n = 0;
  for (const unit of units) {
    const { head, tail } = functionsOf(unit);
    n += (head ? 1 : 0) + tail.length;
  }
  return n;
}

/** The answer for a statement that is no function and holds none (most statements). */
const NO_FUNCTIONS: UnitFunctions = Object.freeze({ tail: Object.freeze([]) });

function functionsOf(unit: Node): UnitFunctions {
  const known = unitFunctions.get(unit);
  if (known) return known;
  const tail: FunctionAt[] = [];
  const stack: { node: Node; owner?: FunctionAt['owner'] }[] = [];
  const enter = (child: Node, owner: FunctionAt['owner'] | undefined, out: FunctionAt[] | undefined) => {
    if (child.type === 'function_definition') {
      out?.push({ fn: child, owner, name: child.childForFieldName('name')?.text ?? '' });
      stack.push({ node: child });
    } else if (child.type === 'class_definition') {
      const body = child.childForFieldName('body');
      if (body && mayHoldDefinition(body))
        stack.push({ node: body, owner: { node: child, name: child.childForFieldName('name')?.text } });
    } else if (!LEAF_STATEMENTS.has(child.type) && mayHoldDefinition(child)) {
      stack.push({ node: child, owner: child.type === 'decorated_definition' || child.type === 'block' ? owner : undefined });
    }
  };
  enter(unit, undefined, undefined);
  while (stack.length) {
    const { node, owner } = stack.pop()!;
    for (const child of node.namedChildren) enter(child, owner, tail);
  }
  const head = unit.type === 'function_definition' ? { fn: unit, name: unit.childForFieldName('name')?.text ?? '' } : undefined;
  // Most statements hold no nested function: they share one answer.
  const result = head || tail.length ? { head, tail } : NO_FUNCTIONS;
  unitFunctions.set(unit, result);
  return result;
}
