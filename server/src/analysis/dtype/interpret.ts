/** The abstract interpreter of a function body: statements, branches and loops, joined at merges. */
import type { SyntaxNode as Node } from '../syntax';
import type { Args } from './args';
import type { ClassFacts } from './classFacts';
import { functionNamed, type FileState, type FnState, type Interpreter } from './context';
import { autocastTest, comparisonTest, keepTakenPaths } from './dtypeBranch';
import { Env } from './env';
import { evalCall } from './calls';
import { evalExpr } from './exprs';
import { bindParameters } from './params';
import { REGIMES, UNKNOWN, constantOf, join, moduleOf, promote, seq, stepOf, type Value } from './lattice';

import { DEFAULT_REGION, functionRegion, regimesIn, regionOf, type Region } from './regions';

const MAX_INLINE_DEPTH = 3;

/** Runs a function on its own: arguments are activations, `self` is the module. */
export function analyzeFunction(fn: Node, cls: ClassFacts | undefined, file: FileState): void {
  const region = functionRegion(fn, file.imports);
  const regimes = regimesIn(region, REGIMES);
  const st: FnState = {
    run: INTERPRETER,
    file,
    cls,
    fn,
    env: new Env(),
    region,
    regimes,
    root: fn.id,
    depth: 0,
    inModule: !!cls,
    nesting: 0,
  };
  bindParameters(fn, st, undefined, !!cls);
  execBody(fn, st);
}

/** Runs top-level statements of a script (`main` code, `if __name__ == '__main__':`). */
export function analyzeModule(root: Node, file: FileState): void {
  const st: FnState = {
    run: INTERPRETER,
    file,
    fn: root,
    env: new Env(),
    region: DEFAULT_REGION,
    regimes: [...REGIMES],
    root: root.id,
    depth: 0,
    inModule: false,
    nesting: 0,
  };
  execBlock(root, st);
}

/** A helper of the same file called with these arguments: its body runs inline, its returns are joined. */
export function runHelper(fn: Node, args: Args, caller: FnState, cls: ClassFacts | undefined): Value {
  const file = caller.file;
  if (caller.depth >= MAX_INLINE_DEPTH || file.active.has(fn.id) || file.budget <= 0) return UNKNOWN;
  // The same helper with the same argument dtypes from the same entry gives the same result.
  const key = `${fn.id}|${caller.root}|${caller.regimes.join()}|${caller.region.autocast}|${signature(args)}`;
  const memo = file.memo.get(key);
  if (memo) return memo;
  const own = functionRegion(fn, file.imports);
  const region = own.autocast === 'default' ? caller.region : own;
  const regimes = own.autocast === 'default' ? caller.regimes : regimesIn(own, caller.regimes);
  const st: FnState = {
    run: INTERPRETER,
    file,
    cls,
    fn,
    env: new Env(),
    region,
    regimes,
    root: caller.root,
    depth: caller.depth + 1,
    inModule: caller.inModule,
    nesting: 0,
  };
  file.called.add(fn.id);
  bindParameters(fn, st, args, !!cls);
  file.active.add(fn.id);
  try {
    execBody(fn, st);
  } finally {
    file.active.delete(fn.id);
  }
  const result = st.returns ?? UNKNOWN;
  file.memo.set(key, result);
  return result;
}

function signature(args: Args): string {
  const one = (v: Value): string =>
    v.kind === 'tensor'
      ? `${REGIMES.map((r) => v.d[r]).join('.')}${v.cause}${v.zeroDim ? 'z' : ''}`
      : v.kind === 'seq'
        ? `[${(v.items ?? []).map(one).join(',')}]`
        : `${v.kind}${constantOf(v) ?? ''}${moduleOf(v)?.className ?? ''}`;
  return (
    args.positional.map((a) => one(a.value)).join(';') +
    '|' +
    [...args.keywords].map(([k, a]) => `${k}=${one(a.value)}`).join(';')
  );
}

function execBody(fn: Node, st: FnState): void {
  const body = fn.childForFieldName('body');
  if (body) execBlock(body, st);
}

/** Runs the statements of a block; returns true when it always leaves (return/raise/continue/break). */
function execBlock(block: Node, st: FnState): boolean {
  for (const stmt of block.namedChildren) {
    if (!stmt) continue;
    if (execStatement(stmt, st)) return true;
  }
  return false;
}

/**
 * The statements a run executes; every other one (definitions, imports, comments) does nothing
 * when met, its names being looked up through the file's tables. So the module's own run reads
 * only its top-level statements of these types (model.ts keeps its result while they are the same).
 */
export const RUN_STATEMENTS: ReadonlySet<string> = new Set([
  'expression_statement',
  'return_statement',
  'raise_statement',
  'continue_statement',
  'break_statement',
  'if_statement',
  'for_statement',
  'while_statement',
  'with_statement',
  'try_statement',
  'block',
]);

function execStatement(stmt: Node, st: FnState): boolean {
  st.file.budget--;
  if (st.file.budget <= 0 || !RUN_STATEMENTS.has(stmt.type)) return false;
  switch (stmt.type) {
    case 'expression_statement':
      for (const child of stmt.namedChildren) if (child) execExpression(child, st);
      return false;
    case 'return_statement': {
      const value = stmt.namedChildren[0] ? evalExpr(stmt.namedChildren[0], st) : UNKNOWN;
      st.returns = st.returns ? join(st.returns, value) : value;
      return true;
    }
    case 'raise_statement':
    case 'continue_statement':
    case 'break_statement':
      return true;
    case 'if_statement':
      return execIf(stmt, st);
    case 'for_statement':
    case 'while_statement':
      return execLoop(stmt, st);
    case 'with_statement':
      return execWith(stmt, st);
    case 'try_statement':
      return execTry(stmt, st);
    case 'block':
      return execBlock(stmt, st);
    default:
      return false;
  }
}

function execExpression(node: Node, st: FnState): Value {
  if (node.type === 'assignment') {
    const right = node.childForFieldName('right');
    const value = right?.type === 'assignment' ? execExpression(right, st) : evalExpr(right, st);
    const left = node.childForFieldName('left');
    if (left) bind(left, value, st);
    return value;
  }
  if (node.type === 'augmented_assignment') {
    const left = node.childForFieldName('left');
    const right = evalExpr(node.childForFieldName('right'), st);
    if (!left) return UNKNOWN;
    const old = evalExpr(left, st);
    // An in-place op on a tensor keeps the tensor's dtype.
    const value = old.kind === 'tensor' ? old : promote(old, right, stepOf(node));
    bind(left, value, st);
    return value;
  }
  return evalExpr(node, st);
}

/** Binds an assignment target: names, tuples (unpacking), and `self.x` (a local view of the attribute). */
export function bind(target: Node, value: Value, st: FnState): void {
  switch (target.type) {
    case 'identifier':
      st.env.set(target.text, value);
      return;
    case 'attribute':
      if (target.childForFieldName('object')?.text === 'self' && value.kind === 'tensor') st.env.set(target.text, value);
      return;
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
    case 'tuple':
    case 'list':
    case 'expression_list': {
      const targets = target.namedChildren.filter((t): t is Node => !!t && t.type !== 'comment');
      const items = value.kind === 'seq' ? (value.items ?? []) : [];
      const exact = items.length === targets.length && !targets.some((t) => t.type === 'list_splat_pattern');
      const all =
        items.reduce<Value | undefined>((acc, v) => join(acc, v), undefined) ?? (value.kind === 'tensor' ? value : UNKNOWN);
      targets.forEach((t, i) => bind(t.type === 'list_splat_pattern' ? t.namedChildren[0]! : t, exact ? items[i]! : all, st));
      return;
    }
    case 'parenthesized_expression':
      if (target.namedChildren[0]) bind(target.namedChildren[0], value, st);
      return;
    default:
      return;
  }
}

function execIf(stmt: Node, st: FnState): boolean {
  const condition = stmt.childForFieldName('condition');
  // A comparison is never a constant; its operands are evaluated once, for the dtype test too.
  const compared = comparisonTest(condition, (n) => evalExpr(n, st));
  const cond = compared ? undefined : constantOf(evalExpr(condition, st));
  const test =
    compared?.test ??
    autocastTest(condition, {
      region: st.region,
      imports: st.file.imports,
      functionNamed: (name) => functionNamed(st.file, name),
    });
  // A literal flag (`half = True` ... `if half:`) takes one branch, so paths stay correlated.
  if (cond === true) {
    const block = stmt.childForFieldName('consequence');
    return block ? execBlock(block, st) : false;
  }
  const skipFirst = cond === false;
  const before = st.env;
  const live: Env[] = [];
  const run = (block: Node | null) => {
    st.env = before.copy();
    const left = block ? execBlock(block, st) : false;
    if (!left) live.push(st.env);
  };
  if (!skipFirst) run(stmt.childForFieldName('consequence'));
  let hasElse = false;
  for (const alt of stmt.childrenForFieldName('alternative')) {
    if (!alt) continue;
    if (alt.type === 'elif_clause') {
      st.env = before;
      evalExpr(alt.childForFieldName('condition'), st);
      run(alt.childForFieldName('consequence'));
    } else if (alt.type === 'else_clause') {
      hasElse = true;
      run(alt.childForFieldName('body'));
    }
  }
  if (!hasElse) live.push(before);
  if (!live.length) {
    st.env = before;
    return true;
  }
  st.env = Env.join(live);
  // `if w.dtype in [torch.float16, torch.bfloat16]:` with one path each way: each regime takes its own.
  if (live.length === 2 && test && stmt.childrenForFieldName('alternative').every((a) => a?.type !== 'elif_clause'))
    keepTakenPaths(st.env, before, live[0]!, live[1]!, test);
  return false;
}

export function loopItem(iterable: Node | null, st: FnState): Value {
  if (iterable?.type === 'call') {
    const name = iterable.childForFieldName('function')?.text;
    const args =
      iterable.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment') ?? [];
    if (name === 'enumerate' && args[0]) return seq([UNKNOWN, itemOf(evalExpr(args[0], st))]);
    if (name === 'zip') return seq(args.map((a) => itemOf(evalExpr(a, st))));
  }
  return itemOf(evalExpr(iterable, st));
}

function itemOf(v: Value): Value {
  if (v.kind === 'seq') return (v.items ?? []).reduce<Value | undefined>((acc, x) => join(acc, x), undefined) ?? UNKNOWN;
  if (v.kind === 'tensor') return v;
  if (v.kind === 'submodule' && v.module)
    return { ...v, module: { ...v.module, family: v.module.family === 'container' ? 'custom' : v.module.family } };
  return UNKNOWN;
}

function execLoop(stmt: Node, st: FnState): boolean {
  const before = st.env;
  const isFor = stmt.type === 'for_statement';
  const item = isFor
    ? loopItem(stmt.childForFieldName('right'), st)
    : (evalExpr(stmt.childForFieldName('condition'), st), UNKNOWN);
  const body = stmt.childForFieldName('body');
  // Twice: the second pass sees what the first assigned (a small fixpoint, enough for dtypes).
  let env = before.copy();
  for (let pass = 0; pass < 2 && body; pass++) {
    st.env = env;
    const left = isFor ? stmt.childForFieldName('left') : null;
    if (left) bind(left, item, st);
    execBlock(body, st);
    env = Env.join([before, st.env]);
  }
  st.env = env;
  const alt = stmt.childForFieldName('alternative');
  if (alt) execBlock(alt.childForFieldName('body') ?? alt, st);
  return false;
}

function execWith(stmt: Node, st: FnState): boolean {
  let region: Region | undefined;
  for (const clause of stmt.namedChildren) {
    if (clause?.type !== 'with_clause') continue;
    for (const item of clause.namedChildren) {
      const value = item?.childForFieldName('value');
      if (!value) continue;
      const expr = value.type === 'as_pattern' ? value.namedChildren[0] : value;
      if (!expr) continue;
      const r = regionOf(expr, st.file.imports, false);
      if (r) region = r;
      else evalExpr(expr, st);
      if (value.type === 'as_pattern') {
        const alias = value.childForFieldName('alias') ?? value.namedChildren[1];
        const target = alias?.namedChildren[0] ?? alias;
        if (target) bind(target, UNKNOWN, st);
      }
    }
  }
  const outer = st.region;
  const outerRegimes = st.regimes;
  if (region) st.region = { ...region, body: stmt.childForFieldName('body') ?? undefined };
  if (region) st.regimes = regimesIn(region, outerRegimes);
  try {
    const body = stmt.childForFieldName('body');
    return body ? execBlock(body, st) : false;
  } finally {
    st.region = outer;
    st.regimes = outerRegimes;
  }
}

function execTry(stmt: Node, st: FnState): boolean {
  const before = st.env;
  st.env = before.copy();
  const body = stmt.childForFieldName('body');
  const bodyLeft = body ? execBlock(body, st) : false;
  const afterBody = st.env;
  const live: Env[] = [];
  let finallyBlock: Node | null = null;
  let elseBlock: Node | null = null;
  for (const child of stmt.namedChildren) {
    if (child?.type === 'except_clause' || child?.type === 'except_group_clause') {
      st.env = Env.join([before, afterBody]);
      const block = child.namedChildren.find((c) => c?.type === 'block');
      if (!(block ? execBlock(block, st) : false)) live.push(st.env);
    } else if (child?.type === 'else_clause') elseBlock = child.childForFieldName('body');
    else if (child?.type === 'finally_clause') finallyBlock = child.namedChildren.find((c) => c?.type === 'block') ?? null;
  }
  st.env = afterBody;
  if (!bodyLeft) {
    if (elseBlock && execBlock(elseBlock, st)) {
      /* the else branch leaves */
    } else live.push(st.env);
  }
  st.env = live.length ? Env.join(live) : before;
  if (finallyBlock && execBlock(finallyBlock, st)) return true;
  return live.length === 0;
}

/** The recursion the transfer functions reach through `FnState.run`. */
const INTERPRETER: Interpreter = { evalExpr, evalCall, runHelper, bind, loopItem };
