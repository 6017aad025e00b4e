/** Fix builders: each fix is a titled list of text edits that keeps the user's names and layout. */
import type { SyntaxNode as Node } from '../syntax';
import type { ImportMap } from '../imports';
import { rangeOf, receiverText } from '../tree';
import type { Fix, TextEdit } from '../types';
import type { OpCall, Operand } from './context';
import type { Verdict } from './judge';
import { ACT, F16, F32 } from './lattice';

const edit = (node: Node, newText: string): TextEdit => ({ range: rangeOf(node), newText });
const insertAt = (node: Node, text: string): TextEdit => ({
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
function dtypeOf(ref: Operand, call: OpCall): string {
  if (ref.node) return `${receiverText(ref.node)}.dtype`;
  if (call.layer && (call.layer.family === 'container' || call.layer.family === 'custom') && !call.custom)
    return `next(${call.layer.text}.parameters()).dtype`;
  return `${ref.text}.dtype`;
}

function torchNn(imports: ImportMap): string {
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
export function fixesFor(call: OpCall, v: Verdict, imports: ImportMap): Fix[] {
  const applicable = !call.custom && certain(v);
  return candidateFixes(call, v, imports).map((f) => (f.safe && !applicable ? { ...f, safe: false } : f));
}

/** One dtype, known, under the named regime, for every blamed operand (what the fixes cast). */
function certain(v: Verdict): boolean {
  const single = (bits: number | undefined) => !!bits && bits !== ACT && (bits & (bits - 1)) === 0;
  return v.blamed.every((b) => single(v.bits.get(b)));
}

function candidateFixes(call: OpCall, v: Verdict, imports: ImportMap): Fix[] {
  switch (v.code) {
    case 'DG103':
      return [...registerFix(call, v, imports), ...castFixes(call, v)].map((f, i) => ({ ...f, preferred: i === 0 }));
    case 'DG105':
      // The input cast to the weight's dtype at the call settles under every regime: float32 under
      // autocast, float16 after model.half(). `x = x.float()` on entry is the AMP-only alternative
      // (after model.half() it would meet half weights: DG102).
      return [...castFixes(call, v), ...entryFix(call, v)].map((f, i) => ({ ...f, preferred: i === 0, safe: i === 0 && f.safe }));
    case 'DG106':
      return typeAsFix(call, v);
    case 'DG107':
      return modelInputFixes(call, v);
    default:
      return [...castFixes(call, v), ...creationFix(call, v)].map((f, i) => ({ ...f, preferred: i === 0 }));
  }
}

/** `bias.to(x.dtype)` at the call, then the other direction `x.to(bias.dtype)`. */
function castFixes(call: OpCall, v: Verdict): Fix[] {
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

/** `dtype=x.dtype` where the default-dtype tensor is created. */
function creationFix(call: OpCall, v: Verdict): Fix[] {
  const b = v.blamed[0];
  const origin = b?.value.origin;
  const ref = v.reference;
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

/** DG103: register the plain tensor as a buffer (or wrap the plain list) where it is defined; unsafe, as it changes every use. */
function registerFix(call: OpCall, v: Verdict, imports: ImportMap): Fix[] {
  const b = v.blamed[0];
  const statement = b?.value.origin ?? (call.layer?.unconverted ? undefined : undefined);
  if (statement?.type !== 'assignment') return [];
  const left = statement.childForFieldName('left');
  const right = statement.childForFieldName('right');
  const m = left && /^self\.(\w+)$/.exec(left.text);
  if (!m || !right) return [];
  const nn = torchNn(imports);
  if (right.type === 'list' || right.type === 'list_comprehension') {
    return [
      {
        title: `Keep ${left.text} in ${nn}.ParameterList so .half() converts it`,
        edits: [edit(right, `${nn}.ParameterList(${right.text})`)],
        preferred: true,
        safe: false,
      },
    ];
  }
  if (right.type === 'dictionary' || right.type === 'dictionary_comprehension') {
    return [
      {
        title: `Keep ${left.text} in ${nn}.ParameterDict so .half() converts it`,
        edits: [edit(right, `${nn}.ParameterDict(${right.text})`)],
        preferred: true,
        safe: false,
      },
    ];
  }
  // Every blamed plain tensor is registered (`F.group_norm(x, g, self.gn_weight, self.gn_bias)`), so that the fix settles.
  const plain = [statement, ...v.blamed.slice(1).map((o) => o.value.origin)].filter(
    (st, i, all): st is NonNullable<typeof st> => !!st && st.type === 'assignment' && all.indexOf(st) === i,
  );
  const targets = plain.flatMap((st) => {
    const name = /^self\.(\w+)$/.exec(st.childForFieldName('left')?.text ?? '')?.[1];
    const value = st.childForFieldName('right');
    return name && value && value.type !== 'list' && value.type !== 'dictionary' && !value.type.endsWith('comprehension')
      ? [{ st, name, value }]
      : [];
  });
  const names = targets.map((t) => `self.${t.name}`);
  return [
    {
      title:
        targets.length > 1
          ? `Register ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} as buffers so .half() converts them`
          : `Register ${left.text} as a buffer so .half() converts it`,
      edits: targets.map((t) => edit(t.st, `self.register_buffer('${t.name}', ${t.value.text}, persistent=False)`)),
      preferred: true,
      // Every other use of the attribute sees the change too (a kernel may want it float32).
      safe: false,
    },
  ];
}

/** DG105: `x = x.float()` as the first statement of the autocast-disabled region. */
function entryFix(call: OpCall, v: Verdict): Fix[] {
  const b = v.blamed.find((o) => o.node);
  const body = call.region.body;
  if (!b?.node || b.node.type !== 'identifier' || !body) return [];
  let first = body.namedChildren.find((c) => c && c.type !== 'comment');
  if (first?.type === 'expression_statement' && first.namedChildren[0]?.type === 'string') {
    const next = body.namedChildren.filter((c) => c && c.type !== 'comment')[1];
    if (next) first = next;
  }
  if (!first || first.startIndex > call.node.startIndex) return [];
  const indent = ' '.repeat(first.startPosition.column);
  const x = b.node.text;
  return [
    {
      title: `Cast ${x} to float32 on entry to the autocast-disabled region`,
      edits: [insertAt(first, `${x} = ${x}.float()\n${indent}`)],
      preferred: true,
      safe: true,
    },
  ];
}

/** DG106: every operand cast to the reference with `type_as` before the custom op (what mmcv does). */
function typeAsFix(call: OpCall, v: Verdict): Fix[] {
  // A module whose own operand is the output of its internal autocast layers (CARAFEPack's mask,
  // MaskedConv2d's addmm): that operand is half under AMP, so the features must be half too.
  const internal = call.custom && call.layer && v.bits.get(v.reference) === F16 && !v.reference.node ? v.reference : undefined;
  if (internal) {
    const inputs = v.blamed.filter((b) => b.node);
    if (!inputs.length) return [];
    return [
      {
        title: `Cast ${inputs.map((t) => t.text).join(', ')} to half precision, the dtype of ${call.layer!.text}'s own autocast layers`,
        edits: inputs.map((t) => edit(t.node!, `${receiverText(t.node!)}.half()`)),
        preferred: true,
        // It changes only the operand's dtype (the definition of safe), though it assumes AMP is on.
        safe: true,
      },
    ];
  }
  const ownBlamed = v.blamed.find((b) => !b.node);
  const ref = ownBlamed ?? v.reference;
  const refBits = v.bits.get(ref);
  const targets = call.operands.filter((o) => o.node && o !== ref && o.value.kind === 'tensor' && v.bits.get(o) !== refBits);
  if (!targets.length) return [];
  const refText = ref.node ? receiverText(ref.node) : ref.text;
  return [
    {
      title: `Cast ${targets.map((t) => t.text).join(', ')} with type_as(${refText})`,
      edits: targets.map((t) => {
        const node = t.value.sparseFeatures ?? t.node!;
        return edit(node, `${receiverText(node)}.type_as(${refText})`);
      }),
      preferred: true,
      safe: true,
    },
  ];
}

/** DG107: convert the input to the model's dtype at the call. */
function modelInputFixes(call: OpCall, v: Verdict): Fix[] {
  const x = v.blamed[0];
  if (!x?.node) return [];
  const model = call.modelCall!;
  const recv = receiverText(x.node);
  const follow: Fix = {
    title: `Convert ${x.text} to the model's dtype`,
    edits: [edit(x.node, `${recv}.to(next(${model.modelText}.parameters()).dtype)`)],
    preferred: false,
    safe: true,
  };
  // A model whose dtype depends on a flag we cannot read: only following its parameters is right on every path.
  if (model.modelDtype !== F16 && model.modelDtype !== F32) return [{ ...follow, preferred: true }];
  const method = model.modelDtype === F16 ? 'half' : 'float';
  return [
    { title: `Convert ${x.text} with .${method}()`, edits: [edit(x.node, `${recv}.${method}()`)], preferred: true, safe: true },
    follow,
  ];
}
