/** Float32 islands: a layer's forward that upcasts its input, computes, and restores the input's dtype. */
import type { SyntaxNode as Node } from '../syntax';
import { qualify, type ImportMap } from '../imports';
import { callArgs, dottedName, walkAll } from '../nodeHelpers';
import { CONV_BASES, LAYER_CLASSES } from '../ops';
import type { ClassFacts } from './classFacts';
import type { FnState, Operand } from './context';
import { F32, isFollower, type Regime } from './lattice';
import { CAST_METHODS, dtypeConstant } from './torchApi';

/**
 * A norm-like layer such as CLIP's `LayerNorm` (`orig = x.dtype; ret = super().forward(x.type(torch.float32));
 * return ret.type(orig)`), diffusion's `GroupNorm32` (`super().forward(x.float()).type(x.dtype)`) or
 * OpenCLIP's `LayerNormFp32` casts its input to float32 and every result back to the input's dtype,
 * and leaves its own parameters as they are. It is written for a conversion that keeps those
 * parameters float32: a selective converter (CLIP's `convert_weights`, guided-diffusion's
 * `convert_module_to_f16`, OpenCLIP's `convert_weights_to_lp` halve convs and linears only),
 * float32 weights with half activations, or AMP. A blanket `model.half()` halves them and breaks
 * it, as it breaks code in an autocast-disabled region, so like that region the float32 input
 * against the class's own parameters is judged under autocast only. Not an island: a conv or
 * linear subclass (the converters halve those), a method that casts some of its own parameters
 * (`self.weight.float()` says they may arrive half), an operand from a submodule or the uncast input.
 */
export function islandRegimes(operands: readonly Operand[], st: FnState): Regime[] {
  const cls = st.cls;
  if (!cls || cls.bases.some((b) => LAYER_CLASSES.has(b) || CONV_BASES.has(b))) return st.regimes;
  let own = false;
  for (const o of operands) {
    if (o.value.kind !== 'tensor' || !isFollower(o.value.cause)) continue;
    if (!ownTensor(o.text, cls)) return st.regimes;
    own = true;
  }
  if (!own || !isFloat32Island(st.fn, st.file.imports)) return st.regimes;
  return st.regimes.filter((r) => r === 'autocast');
}

/** `self.weight` of a torch layer base, or a parameter or buffer the class registers. */
function ownTensor(text: string, cls: ClassFacts): boolean {
  const m = /^self\.(\w+)$/.exec(text);
  if (!m) return false;
  const fact = cls.attrs.get(m[1]!);
  return fact ? fact.kind === 'param' : !!cls.baseParams && (m[1] === 'weight' || m[1] === 'bias');
}

export function isFloat32Island(fn: Node, imports: ImportMap): boolean {
  const shape = islandShape(fn, imports);
  return !!shape && shape.restores && !shape.ownCast;
}

/** What a method does with its input's dtype: upcast to float32, cast back on every return, cast its own tensors. */
export interface IslandShape {
  /** The input is cast to float32 somewhere in the body. */
  upcast: true;
  /** Every return casts its value back to the input's dtype (saved before any rebinding). */
  restores: boolean;
  /** A `self.*` tensor is cast to float32 too (`self.weight.float()`). */
  ownCast: boolean;
}

/** The method's island shape, or undefined when it does not upcast its input. */
export function islandShape(fn: Node, imports: ImportMap): IslandShape | undefined {
  const input = firstInput(fn);
  const body = fn.childForFieldName('body');
  if (!input || !body) return undefined;
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
  if (!upcast) return undefined;
  if (rebound) saved.delete(`${input}.dtype`);
  const restores =
    returns.length > 0 &&
    returns.every((r) => {
      const value = r.namedChildren[0];
      return !!value && restoresInput(value, rebound ? undefined : input, saved);
    });
  return { upcast, restores, ownCast };
}

/** The function definition a node is in, if it is a method (its first parameter is `self`). */
export function enclosingMethod(node: Node): Node | undefined {
  for (let n: Node | null = node.parent; n; n = n.parent)
    if (n.type === 'function_definition') return firstInput(n) ? n : undefined;
  return undefined;
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
