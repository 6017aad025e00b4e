/** Autocast regions: decorators and `with` blocks that turn autocast off (DG105) or on. */
import type { SyntaxNode as Node } from '../syntax';
import { qualify, type ImportMap } from '../imports';
import { callArgs, dottedName } from '../nodeHelpers';
import type { Regime } from './lattice';

export interface Region {
  /** 'disabled' regions only run under AMP: an activation arrives half, module weights are float32. */
  autocast: 'default' | 'enabled' | 'disabled';
  /** Arguments the decorator casts to float32 (`force_fp32(apply_to=...)`, `custom_fwd(cast_inputs=...)`). */
  castArgs?: Set<string> | 'all';
  /** The regimes under which the cast happens: force_fp32 casts under mmcv-fp16 and autocast, custom_fwd only under autocast. */
  castUnder?: readonly Regime[];
  /** What made the region, for messages and fixes. */
  why?: string;
  line?: number;
  /** The block the region covers (function body or `with` body), for the entry fix. */
  body?: import('../syntax').SyntaxNode;
}

export const DEFAULT_REGION: Region = { autocast: 'default' };

/**
 * The regimes code in a region runs under. An autocast region, enabled or disabled, is AMP code: a
 * `.float()` that keeps a disabled region in float32 is how AMP code is written (and what the DG105
 * fix writes), so it is judged under autocast only. mmcv's decorators also act under its real-half
 * path (`castUnder`), so they keep the outer regimes.
 */
export function regimesIn(region: Region, outer: readonly Regime[]): Regime[] {
  if (region.autocast === 'enabled' || (region.autocast === 'disabled' && !region.castUnder)) return ['autocast'];
  return [...outer];
}

const AUTOCAST = /(^|\.)autocast$/;

/** The region a decorator or a `with` item opens, or undefined when it opens none. */
export function regionOf(expr: Node, imports: ImportMap, decorator: boolean): Region | undefined {
  const call = expr.type === 'call' ? expr : undefined;
  const name = dottedName(call ? call.childForFieldName('function') : expr);
  if (!name) return undefined;
  const q = qualify(name, imports);
  const line = expr.startPosition.row;
  if (AUTOCAST.test(q) && (q.startsWith('torch') || q.startsWith('mmengine') || q === 'autocast' || q.endsWith('amp.autocast'))) {
    const enabled = call ? enabledArg(call, q) : true;
    return enabled === false ? { autocast: 'disabled', why: expr.text, line } : { autocast: 'enabled', why: expr.text, line };
  }
  if (!decorator) return undefined;
  if (/(^|\.)force_fp32$/.test(q)) {
    const apply = call ? (callArgs(call).keywords.get('apply_to') ?? callArgs(call).positional[0]) : undefined;
    return {
      autocast: 'disabled',
      castArgs: apply ? stringsOf(apply) : 'all',
      castUnder: ['mmcv-fp16', 'autocast'],
      why: expr.text,
      line,
    };
  }
  if (/(^|\.)custom_fwd$/.test(q) && call) {
    const cast = callArgs(call).keywords.get('cast_inputs');
    if (cast && /float32|\.float$/.test(cast.text))
      return { autocast: 'disabled', castArgs: 'all', castUnder: ['autocast'], why: expr.text, line };
  }
  return undefined;
}

/** `enabled=` of an autocast call; `torch.cuda.amp.autocast(False)` passes it first, `torch.autocast('cuda', ...)` second. */
function enabledArg(call: Node, q: string): boolean | undefined {
  const { positional, keywords } = callArgs(call);
  const takesDevice = q === 'torch.autocast' || q === 'torch.amp.autocast' || q.startsWith('mmengine');
  const node = keywords.get('enabled') ?? positional[takesDevice ? 1 : 0];
  if (!node) return true;
  if (node.type === 'false') return false;
  if (node.type === 'true') return true;
  return undefined;
}

function stringsOf(node: Node): Set<string> {
  const out = new Set<string>();
  const items = node.type === 'string' ? [node] : node.namedChildren;
  for (const item of items) {
    const m = item?.type === 'string' ? /^['"](\w+)['"]$/.exec(item.text) : null;
    if (m) out.add(m[1]!);
  }
  return out;
}

/** The region of a function from its decorators (the innermost that decides wins). */
export function functionRegion(fn: Node, imports: ImportMap): Region {
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
  let region = DEFAULT_REGION;
  for (const child of decorated?.namedChildren ?? []) {
    if (child?.type !== 'decorator') continue;
    const expr = child.namedChildren[0];
    const r = expr ? regionOf(expr, imports, true) : undefined;
    if (r) region = { ...r, body: fn.childForFieldName('body') ?? undefined };
  }
  return region;
}
