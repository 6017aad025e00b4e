/** Shared fix builders of the DG1xx rules: each fix is a titled list of text edits that keeps the user's names and layout. */
import type { SyntaxNode as Node } from '../syntax';
import type { ImportMap } from '../imports';
import { rangeOf, receiverText } from '../nodeHelpers';
import type { Fix, TextEdit } from '../types';
import type { BrokenCall } from './broken';
import type { OpCall, Operand } from './context';
import { F32, isSingleDtype } from './lattice';
import { enclosingMethod, islandShape } from './island';

export const edit = (node: Node, newText: string): TextEdit => ({ range: rangeOf(node), newText });
export const insertAt = (node: Node, text: string): TextEdit => ({
  range: { start: rangeOf(node).start, end: rangeOf(node).start },
  newText: text,
});

/** An insertion before a node's last character (the `)` closing an argument list). */
function beforeLastCharacter(node: Node, text: string): TextEdit {
  const end = rangeOf(node).end;
  const at = { line: end.line, character: end.character - 1 };
  return { range: { start: at, end: at }, newText: text };
}

/** The expression naming the reference's dtype: `x.dtype`, `self.conv.weight.dtype`, `next(m.parameters()).dtype`. */
export function dtypeOf(ref: Operand, call: OpCall): string {
  if (ref.node) return `${receiverText(ref.node)}.dtype`;
  if (call.layer && (call.layer.family === 'container' || call.layer.family === 'custom') && !call.custom)
    return `next(${call.layer.text}.parameters()).dtype`;
  return `${ref.text}.dtype`;
}

export function torchNn(imports: ImportMap): string {
  for (const [local, target] of imports) if (target === 'torch.nn') return local;
  return 'torch.nn';
}

/**
 * Fixes as their applicability allows (ruff's): a fix is safe only where it cannot change what a
 * correct program computes. A cast at the call of a torch op whose operands must share a dtype is
 * the identity on a program that already runs; a cast of a custom op's or compiled kernel's
 * argument is not (the kernel may require that dtype), nor is any fix of a finding whose blamed
 * operand may have several dtypes, nor an edit at a definition that every other use of the tensor sees.
 */
export function withApplicability(b: BrokenCall, fixes: Fix[]): Fix[] {
  const applicable = !b.call.custom && certain(b);
  return fixes.map((f) => (f.safe && !applicable ? { ...f, safe: false } : f));
}

/** One dtype, known, under the named regime, for every blamed operand (what the fixes cast). */
function certain(b: BrokenCall): boolean {
  return b.blamed.every((o) => isSingleDtype(b.bits.get(o)));
}

/** The first fix is the one offered first and applied by `--fix`; the others are alternatives. */
export function preferFirst(fixes: Fix[]): Fix[] {
  return fixes.map((f, i) => ({ ...f, preferred: i === 0 }));
}

/** `bias.to(x.dtype)` at the call, then the other direction `x.to(bias.dtype)`. */
export function castFixes(v: BrokenCall): Fix[] {
  const { call } = v;
  const fixes: Fix[] = [];
  const blamed = v.blamed.filter((b) => b.node);
  if (blamed.length) {
    const target = dtypeOf(v.reference, call);
    fixes.push({
      title: `Cast ${blamed.map((b) => b.text).join(', ')} to ${target}`,
      edits: blamed.map((b) => edit(b.node!, `${receiverText(b.node!)}.to(${target})`)),
      preferred: true,
      safe: true,
    });
  }
  // The other direction only fixes a call of two tensors: with a third, it would mismatch instead.
  const tensors = call.operands.filter((o) => o.value.kind === 'tensor').length;
  const only = v.blamed.length === 1 && tensors === 2 ? v.blamed[0] : undefined;
  if (only?.node && v.reference.node) {
    fixes.push({
      title: `Cast ${v.reference.text} to ${receiverText(only.node)}.dtype instead`,
      edits: [edit(v.reference.node, `${receiverText(v.reference.node)}.to(${receiverText(only.node)}.dtype)`)],
      preferred: false,
      safe: false,
    });
  }
  if (call.layer?.unconverted && v.blamed.some((b) => !b.node)) {
    const input = call.operands.find((o) => o.node);
    const fn = call.node.childForFieldName('function');
    if (input?.node && fn) {
      fixes.push({
        title: `Convert ${fn.text} to ${input.text}'s dtype and device before calling it`,
        edits: [edit(fn, `${receiverText(fn)}.to(${receiverText(input.node)})`)],
        preferred: true,
        safe: true,
      });
    }
  }
  return fixes;
}

/** The cast at the call (preferred), its other direction, then `dtype=` where the fixed tensor is created. */
export function castThenCreation(b: BrokenCall): Fix[] {
  return preferFirst([...castFixes(b), ...creationFix(b)]);
}

/** `dtype=x.dtype` where the default-dtype tensor is created. */
export function creationFix(broken: BrokenCall): Fix[] {
  const { call } = broken;
  const b = broken.blamed[0];
  const origin = b?.value.origin;
  const ref = broken.reference;
  if (
    !origin ||
    origin.type !== 'call' ||
    !ref.node ||
    !/^(self\.)?[\w.]+$/.test(ref.text) ||
    origin.startIndex > call.node.startIndex
  )
    return [];
  const args = origin.childForFieldName('arguments');
  if (
    !args ||
    args.type !== 'argument_list' ||
    !args.text.endsWith(')') ||
    args.namedChildren.some((c) => c?.type === 'keyword_argument' && c.childForFieldName('name')?.text === 'dtype')
  )
    return [];
  const empty = args.namedChildren.filter((c) => c && c.type !== 'comment').length === 0;
  return [
    {
      title: `Create ${b.text} with dtype=${ref.text}.dtype`,
      edits: [beforeLastCharacter(args, `${empty ? '' : ', '}dtype=${ref.text}.dtype`)],
      preferred: false,
      safe: false,
    },
  ];
}

/**
 * A mismatch inside a float32 island (a method that upcasts its input and casts the result back,
 * see island.ts) that casts some of its own tensors but not all (`self.weight.float()`, a half
 * `self.bias`): the fix is to upcast the rest, which keeps the computation the class is written
 * for and is the identity in a float32 model. Casting the float32 operands down instead would run
 * the op in half precision, undoing the island, so those fixes stay but are not safe. Undefined
 * when the call is not in such a method.
 */
export function islandFixes(b: BrokenCall, imports: ImportMap): Fix[] | undefined {
  const fn = enclosingMethod(b.call.node);
  const shape = fn && islandShape(fn, imports);
  if (!shape?.restores || !b.blamed.every((o) => b.bits.get(o) === F32)) return undefined;
  const rest = b.call.operands.filter((o) => o.value.kind === 'tensor' && !b.blamed.some((x) => x === o));
  const up: Fix[] = rest.every((o) => o.node)
    ? [
        {
          title: `Cast ${rest.map((o) => o.text).join(', ')} to float32 like the rest of this float32 computation`,
          edits: rest.map((o) => edit(o.node!, `${receiverText(o.node!)}.float()`)),
          preferred: true,
          safe: true,
        },
      ]
    : [];
  const down = castThenCreation(b).map((f) => ({ ...f, safe: false }));
  return preferFirst([...up, ...down]);
}
