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

/** The dtypes a value names in one regime: a dtype, or a list/tuple/set of them. */
function dtypesOf(v: Value, regime: Regime): Bits[] | undefined {
  if (v.kind === 'dtype') return isSingleDtype(v.d[regime]) ? [v.d[regime]] : undefined;
  if (v.kind !== 'seq' || !v.items.length) return undefined;
  const all = v.items.map((item) => (item.kind === 'dtype' && isSingleDtype(item.d[regime]) ? item.d[regime] : undefined));
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
    if (!x || !ys) continue;
    const holds = ys.includes(x[0]!);
    test[regime] = op === '!=' || op === 'is not' || op === 'not in' ? !holds : holds;
    decided = true;
  }
  return decided ? test : undefined;
}

const AUTOCAST_QUERIES = new Set(['torch.is_autocast_enabled', 'torch.cuda.is_autocast_enabled']);

/**
 * `if torch.is_autocast_enabled():` (or `not ...`): true under autocast outside a disabled region,
 * false under `model.half()` and mmcv's fp16 training (torch < 1.6 has no autocast) outside an
 * enabled one. Undefined when the condition is not that query.
 */
export function autocastTest(condition: Node | null, region: Region, imports: ImportMap): RegimeTest | undefined {
  let c = condition;
  let negated = false;
  for (;;) {
    if (c?.type === 'parenthesized_expression') c = c.namedChildren.find((x) => x?.type !== 'comment') ?? null;
    else if (c?.type === 'not_operator') {
      negated = !negated;
      c = c.childForFieldName('argument');
    } else break;
  }
  if (c?.type !== 'call') return undefined;
  const name = dottedName(c.childForFieldName('function'));
  if (!name || !AUTOCAST_QUERIES.has(qualify(name, imports))) return undefined;
  const on = (regime: Regime) => (regime === 'autocast' ? region.autocast !== 'disabled' : region.autocast === 'enabled');
  return { half: on('half') !== negated, 'mmcv-fp16': on('mmcv-fp16') !== negated, autocast: on('autocast') !== negated };
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
