/**
 * The words of a finding: a squiggle message short enough for the Problems panel (the two operands,
 * their dtypes, the regime), and the detail the hover tells the story from.
 */
import { attributeOrigin } from '../attributeOrigin';
import type { FindingDetail } from '../types';
import type { OpCall, Operand } from './context';
import type { Verdict } from './judge';
import { dtypeName, type Regime } from './lattice';

/** How the message names a regime: what the user wrote to get it. */
const REGIME_TEXT: Record<Regime, string> = {
  half: 'model.half()',
  'mmcv-fp16': 'mmcv fp16',
  autocast: 'autocast',
};

/** A message with its line references apart (0-based rows), so that it can be moved with its code. */
export type MessageParts = (string | number)[];

/** The message text; rows are shown 1-based, moved by `shift` lines. */
export function renderMessage(parts: MessageParts, shift = 0): string {
  return parts.map((p) => (typeof p === 'number' ? String(p + shift + 1) : p)).join('');
}

/**
 * An operand as the message names it: by its text when that already says its role (`bias`,
 * `cls_bias`, `self.conv.weight`), else by role and text (`input x`).
 */
function named(op: Operand, limit: number): string {
  const text = short(op.text, limit);
  return op.text.split(/[^A-Za-z0-9]+/).includes(op.role) ? text : `${op.role} ${text}`;
}

export function messageOf(call: OpCall, v: Verdict): MessageParts {
  const blamed = v.blamed[0]!;
  const ref = v.reference;
  const others = v.blamed.slice(1).map((b) => b.role);
  const subject =
    others.length === 0
      ? `${named(blamed, 20)} is`
      : others.length === 1
        ? `${blamed.role} and ${others[0]} are`
        : `${blamed.role} and ${others.length} more operands are`;
  const left = `${subject} ${dtypeName(v.bits.get(blamed)!)}`;
  const right = `${named(ref, 20)} is ${dtypeName(v.bits.get(ref)!)}`;
  if (v.code === 'DG107') return [`${left}, the model ${short(ref.text, 24)} is ${dtypeName(v.bits.get(ref)!)}`];
  if (v.code === 'DG105') return [`${left}, ${right} with autocast disabled`];
  if (v.code === 'DG106') return [`${left}, ${right} in ${short(lastName(call.opName), 20)} under autocast`];
  return [`${left}, ${right} under ${REGIME_TEXT[v.regime]}`];
}

/** `modulated_deform_conv_forward` for `ext_module.modulated_deform_conv_forward`. */
function lastName(opName: string): string {
  return opName.slice(opName.lastIndexOf('.') + 1);
}

function short(text: string, limit: number): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > limit ? one.slice(0, limit - 3) + '...' : one;
}

/**
 * The steps by which an operand got its dtype. A module attribute read at the call (`self.weight`)
 * is shown where it was made (its assignment in the class), since that line decides its dtype.
 */
function stepsOf(call: OpCall, op: Operand): { line: number; text: string }[] {
  const steps = op.value.steps.map((s) => ({ line: s.line, text: s.text }));
  const attribute = /^self\.([\w.]+)$/.exec(op.text)?.[1];
  const atCall = steps.length === 0 || (steps.length === 1 && steps[0]!.text === op.text);
  if (!attribute || !atCall) return steps;
  const parts = attribute.split('.');
  for (let n = parts.length; n > 0; n--) {
    const made = attributeOrigin(call.node, parts.slice(0, n).join('.'));
    if (made) return [made];
  }
  return steps;
}

/** The operands the hover lists: the blamed first, then the one they are measured against, then the rest. */
function storyOrder(call: OpCall, v: Verdict): Operand[] {
  const rank = (o: Operand) => (v.blamed.includes(o) ? 0 : o === v.reference ? 1 : 2);
  return call.operands.filter((o) => o.value.kind === 'tensor').sort((a, b) => rank(a) - rank(b));
}

export function detailOf(call: OpCall, v: Verdict): FindingDetail {
  const operands = storyOrder(call, v).map((o) => ({
    role: o.role,
    ...(o.text !== o.role ? { text: short(o.text, 40) } : {}),
    dtype: dtypeName(v.bits.get(o) ?? o.value.d[0]),
    steps: stepsOf(call, o),
  }));
  if (v.code === 'DG107')
    operands.push({
      role: 'model',
      dtype: dtypeName(v.bits.get(v.reference)!),
      steps: v.reference.value.steps.map((s) => ({ ...s })),
    });
  const where =
    v.code === 'DG105'
      ? [`Inside an autocast-disabled region (\`${short(call.region.why ?? 'autocast off', 60)}\`): autocast does not cast here.`]
      : v.code === 'DG106'
        ? [`\`${short(call.opName, 60)}\` is a custom op that autocast does not cast.`]
        : [];
  return {
    regime: v.regime,
    regimes: v.regimes,
    className: call.className,
    functionName: call.functionName,
    operands,
    notes: where,
  };
}
