/** Float32 islands: a layer's forward that upcasts its input, computes, and restores the input's dtype. */
import type { SyntaxNode as Node } from '../syntax';
import { qualify, type ImportMap } from '../imports';
import { callArgs, dottedName, walkAll } from '../tree';
import { F32, type Regime } from './lattice';
import { CAST_METHODS, dtypeConstant } from './torchApi';

/**
 * A method like CLIP's `LayerNorm.forward` (`orig = x.dtype; ret = super().forward(x.type(torch.float32));
 * return ret.type(orig)`), diffusion's `GroupNorm32` (`super().forward(x.float()).type(x.dtype)`) or
 * OpenCLIP's `LayerNormFp32` casts its input to float32 and every result back to the input's dtype,
 * and leaves its own parameters as they are. Such a class is written for a conversion that keeps its
 * parameters float32: a selective converter (CLIP's `convert_weights`, guided-diffusion's
 * `convert_module_to_f16`, OpenCLIP's `convert_weights_to_lp` halve convs and linears only),
 * float32 weights with half activations, or AMP. A blanket `model.half()` halves its parameters and
 * breaks it, as it breaks code in an autocast-disabled region, so like that region its ops are
 * judged under autocast only. A method that casts some of its own parameters (`self.weight.float()`)
 * says they may arrive half: it is not an island and is judged under every regime.
 */
export function islandRegimes(fn: Node, imports: ImportMap, outer: readonly Regime[]): Regime[] {
  return isFloat32Island(fn, imports) ? outer.filter((r) => r === 'autocast') : [...outer];
}

export function isFloat32Island(fn: Node, imports: ImportMap): boolean {
  const input = firstInput(fn);
  const body = fn.childForFieldName('body');
  if (!input || !body) return false;
  // Names bound to the input's dtype (`orig_type = x.dtype`).
  const saved = new Set([`${input}.dtype`]);
  // After `x = ...` the name no longer holds the input: only dtypes saved before that count.
  let rebound = false;
  let upcast = false;
  let ownCast = false;
  const returns: Node[] = [];
  walkAll(body, (node) => {
    if (node.type === 'assignment') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left?.type === 'identifier' && right?.text === `${input}.dtype` && !rebound) saved.add(left.text);
      if (left?.text === input) rebound = true;
    } else if (node.type === 'return_statement') {
      returns.push(node);
    } else if (node.type === 'call') {
      const receiver = float32CastReceiver(node, imports);
      if (receiver === input) upcast = true;
      else if (receiver?.startsWith('self.')) ownCast = true;
    }
  });
  if (!upcast || ownCast || !returns.length) return false;
  if (rebound) saved.delete(`${input}.dtype`);
  return returns.every((r) => {
    const value = r.namedChildren[0];
    return !!value && restoresInput(value, rebound ? undefined : input, saved);
  });
}

/** The method's first parameter after `self`: the activation. */
function firstInput(fn: Node): string | undefined {
  const names = (fn.childForFieldName('parameters')?.namedChildren ?? []).map((p) =>
    p?.type === 'identifier' ? p.text : (p?.childForFieldName('name') ?? p?.namedChildren[0])?.text,
  );
  return names[0] === 'self' && names[1] ? names[1] : undefined;
}

/** `r.float()`, `r.type(torch.float32)`, `r.to(torch.float)`, `r.to(dtype=torch.float32)`: the text of `r`. */
function float32CastReceiver(call: Node, imports: ImportMap): string | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return undefined;
  const method = fn.childForFieldName('attribute')?.text ?? '';
  const receiver = fn.childForFieldName('object')?.text;
  if (CAST_METHODS.get(method) === F32) return receiver;
  if (method !== 'to' && method !== 'type') return undefined;
  const { positional, keywords } = callArgs(call);
  const target = keywords.get('dtype') ?? positional[0];
  const name = target && dottedName(target);
  return name && dtypeConstant(qualify(name, imports)) === F32 ? receiver : undefined;
}

/** `e.type(orig)`, `e.to(x.dtype)`, `e.type_as(x)`: a value cast back to the input's dtype. */
function restoresInput(value: Node, input: string | undefined, saved: Set<string>): boolean {
  if (value.type !== 'call') return false;
  const fn = value.childForFieldName('function');
  if (fn?.type !== 'attribute') return false;
  const method = fn.childForFieldName('attribute')?.text;
  const arg = callArgs(value).positional[0] ?? callArgs(value).keywords.get('dtype');
  if (method === 'type_as') return !!input && arg?.text === input;
  return (method === 'to' || method === 'type') && !!arg && saved.has(arg.text);
}
