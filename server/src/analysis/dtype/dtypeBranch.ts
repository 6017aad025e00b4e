/**
 * Branches on a tensor's dtype (`if self.weight.dtype in [torch.float16, torch.bfloat16]:`), taken
 * per regime: under `model.half()` the weight is float16 and the cast in the branch runs; under
 * autocast it is float32 and the branch is skipped. A join of both paths would mix the dtypes of a
 * path that no regime takes.
 */
import type { SyntaxNode as Node } from '../syntax';
import { qualify, type ImportMap } from '../imports';
import { dottedName } from '../nodeHelpers';
import type { Env } from './env';
import type { Region } from './regions';
import { REGIMES, isSingleDtype, perRegime, type Bits, type Regime, type Value } from './lattice';

/** Per regime, whether the condition holds; undefined where the dtypes do not decide it. */
export type RegimeTest = Partial<Record<Regime, boolean>>;

/** An integer or boolean dtype (`torch.uint8`, `torch.long`): never equal to a float one. */
const INTEGRAL: Bits = -1;

/** The dtypes a value names in one regime: a dtype, or a list/tuple/set of them. */
function dtypesOf(v: Value, regime: Regime): Bits[] | undefined {
  const one = (item: Value): Bits | undefined =>
    item.kind !== 'dtype' ? undefined : item.boolMask ? INTEGRAL : isSingleDtype(item.d[regime]) ? item.d[regime] : undefined;
  if (v.kind === 'dtype') return one(v) === undefined ? undefined : [one(v)!];
  if (v.kind !== 'seq' || !v.items.length) return undefined;
  const all = v.items.map(one);
  return all.every((b): b is Bits => b !== undefined) ? all : undefined;
}

/**
 * A comparison condition, its operands evaluated once each (as the evaluator of the whole
 * condition would, which never makes a comparison a constant): per regime, whether
 * `A.dtype == torch.float16` (`!=`, `is`, `is not`, `in [...]`, `not in (...)`) holds. Undefined
 * when the condition is no comparison and was not evaluated.
 */
export function comparisonTest(
  condition: Node | null,
  evaluate: (node: Node) => Value,
): { test: RegimeTest | undefined } | undefined {
  const c =
    condition?.type === 'parenthesized_expression' ? condition.namedChildren.find((x) => x?.type !== 'comment') : condition;
  if (c?.type !== 'comparison_operator') return undefined;
  const values = c.namedChildren.map((n) => evaluate(n));
  return { test: values.length === 2 ? dtypeTest(c, values[0]!, values[1]!) : undefined };
}

function dtypeTest(c: Node, a: Value, b: Value): RegimeTest | undefined {
  const [left, right] = c.namedChildren as [Node, Node];
  const op = c.text
    .slice(left.endIndex - c.startIndex, right.startIndex - c.startIndex)
    .trim()
    .replace(/\s+/g, ' ');
  const member = op === 'in' || op === 'not in';
  if (!member && !['==', '!=', 'is', 'is not'].includes(op)) return undefined;
  if (a.kind !== 'dtype' || (member ? b.kind !== 'seq' : b.kind !== 'dtype')) return undefined;
  const test: RegimeTest = {};
  let decided = false;
  for (const regime of REGIMES) {
    const x = dtypesOf(a, regime);
    const ys = dtypesOf(b, regime);
    // Two integer dtypes may differ (`torch.uint8` against `torch.long`): only float ones decide.
    if (!x || !ys || (x[0] === INTEGRAL && ys.includes(INTEGRAL))) continue;
    const holds = ys.includes(x[0]!);
    test[regime] = op === '!=' || op === 'is not' || op === 'not in' ? !holds : holds;
    decided = true;
  }
  return decided ? test : undefined;
}

const AUTOCAST_QUERIES = new Set(['torch.is_autocast_enabled', 'torch.cuda.is_autocast_enabled']);

/** What `autocastTest` reads: the region the condition is in, the file's imports and its top-level functions. */
export interface AutocastScope {
  region: Region;
  imports: ImportMap;
  functionNamed(name: string): Node | undefined;
}

/**
 * `if torch.is_autocast_enabled():` per regime: true under autocast outside a disabled region,
 * false under `model.half()` and mmcv's fp16 training (torch < 1.6 has no autocast) outside an
 * enabled one. Also through `not`, `and`, `or` and a helper of the file that returns such a test
 * (OpenFold's `is_fp16_enabled()`: `dtype == torch.float16 and torch.is_autocast_enabled()`), so
 * under `model.half()` that branch is known not to run. Undefined where nothing is decided.
 */
export function autocastTest(condition: Node | null, scope: AutocastScope): RegimeTest | undefined {
  const test = conditionTest(condition, scope, new Map(), 0);
  return REGIMES.some((r) => test[r] !== undefined) ? test : undefined;
}

type Names = Map<string, RegimeTest>;

function conditionTest(node: Node | null, scope: AutocastScope, names: Names, depth: number): RegimeTest {
  if (!node) return {};
  switch (node.type) {
    case 'parenthesized_expression':
      return conditionTest(node.namedChildren.find((x) => x?.type !== 'comment') ?? null, scope, names, depth);
    case 'not_operator':
      return perRegimeTest(
        (r, t) => (t[r] === undefined ? undefined : !t[r]),
        [conditionTest(node.childForFieldName('argument'), scope, names, depth)],
      );
    case 'boolean_operator': {
      const and = node.childForFieldName('operator')?.type === 'and';
      const sides = [node.childForFieldName('left'), node.childForFieldName('right')].map((n) =>
        conditionTest(n, scope, names, depth),
      );
      return perRegimeTest((r, a, b) => {
        const x = a[r];
        const y = b[r];
        if (and) return x === false || y === false ? false : x === true && y === true ? true : undefined;
        return x === true || y === true ? true : x === false && y === false ? false : undefined;
      }, sides);
    }
    case 'identifier':
      return names.get(node.text) ?? {};
    case 'call': {
      const name = dottedName(node.childForFieldName('function'));
      if (!name) return {};
      if (AUTOCAST_QUERIES.has(qualify(name, scope.imports))) {
        const on = (regime: Regime) =>
          regime === 'autocast' ? scope.region.autocast !== 'disabled' : scope.region.autocast === 'enabled';
        return { half: on('half'), 'mmcv-fp16': on('mmcv-fp16'), autocast: on('autocast') };
      }
      const helper =
        depth < 2 && node.childForFieldName('function')?.type === 'identifier' ? scope.functionNamed(name) : undefined;
      return helper ? helperTest(helper, scope, depth + 1) : {};
    }
    default:
      return {};
  }
}

/** The test a helper returns: its body read in order (assignments of tests, `try` bodies), every `return` agreeing. */
function helperTest(fn: Node, scope: AutocastScope, depth: number): RegimeTest {
  const names: Names = new Map();
  const returns: RegimeTest[] = [];
  const read = (block: Node | null): boolean => {
    for (const stmt of block?.namedChildren ?? []) {
      if (!stmt || stmt.type === 'comment') continue;
      if (stmt.type === 'return_statement') {
        returns.push(conditionTest(stmt.namedChildren[0] ?? null, scope, names, depth));
        return true;
      }
      if (stmt.type === 'try_statement') {
        if (read(stmt.childForFieldName('body'))) return true;
        continue;
      }
      const expr = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
      if (expr?.type !== 'assignment') return false;
      const left = expr.childForFieldName('left');
      if (left?.type !== 'identifier') return false;
      names.set(left.text, conditionTest(expr.childForFieldName('right'), scope, names, depth));
    }
    return false;
  };
  if (!read(fn.childForFieldName('body')) || returns.length !== 1) return {};
  return returns[0]!;
}

function perRegimeTest(f: (r: Regime, ...tests: RegimeTest[]) => boolean | undefined, tests: RegimeTest[]): RegimeTest {
  const out: RegimeTest = {};
  for (const r of REGIMES) {
    const v = f(r, ...tests);
    if (v !== undefined) out[r] = v;
  }
  return out;
}

/**
 * After the ordinary join of the two paths, each tensor the paths wrote takes, in a regime the
 * test decides, only the dtypes of the path that regime takes.
 */
export function keepTakenPaths(joined: Env, before: Env, taken: Env, skipped: Env, test: RegimeTest): void {
  const names = [taken, skipped].map((e) => e.writtenSince(before));
  if (!names[0] || !names[1]) return;
  for (const name of new Set([...names[0], ...names[1]])) {
    const j = joined.get(name);
    const t = taken.get(name);
    const s = skipped.get(name);
    if (j?.kind !== 'tensor' || t?.kind !== 'tensor' || s?.kind !== 'tensor') continue;
    const d = perRegime((r) => (test[r] === true ? t.d[r] : test[r] === false ? s.d[r] : j.d[r]));
    if (REGIMES.some((r) => d[r] !== j.d[r])) joined.set(name, { ...j, d });
  }
}
