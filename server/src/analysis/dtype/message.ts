/**
 * Phrase builders for the DG1xx messages (short enough for the Problems panel: the two operands,
 * their dtypes, the regime), and the detail the hover tells the story from.
 */
import { attributeOrigin } from '../attributeOrigin';
import type { FindingDetail } from '../types';
import type { BrokenCall } from './broken';
import { isTensorOperand, type OpCall, type Operand, type TensorOperand } from './context';
import { dtypeName, dtypesOf, type Regime } from './lattice';

/** How a message names a regime: what the user wrote to get it. */
export const REGIME_TEXT: Record<Regime, string> = {
  half: 'model.half()',
  'mmcv-fp16': 'mmcv fp16',
  autocast: 'autocast',
};

/**
 * An operand as the message names it: by its text when that already says its role (`bias`,
 * `cls_bias`, `self.conv.weight`), else by role and text (`input x`).
 */
function named(op: Operand, limit: number): string {
  const text = short(op.text, limit);
  return op.text.split(/[^A-Za-z0-9]+/).includes(op.role) ? text : `${op.role} ${text}`;
}

/** The blamed side: `bias is float32`, `weight and bias are float32`. */
export function blamedPhrase(b: BrokenCall): string {
  const blamed = b.blamed[0]!;
  const others = b.blamed.slice(1).map((o) => o.role);
  const subject =
    others.length === 0
      ? `${named(blamed, 20)} is`
      : others.length === 1
        ? `${blamed.role} and ${others[0]} are`
        : `${blamed.role} and ${others.length} more operands are`;
  return `${subject} ${dtypeName(b.bits.get(blamed)!)}`;
}

/** The side the blamed operands are measured against: `input x is float16`. */
export function referencePhrase(b: BrokenCall): string {
  return `${named(b.reference, 20)} is ${dtypeName(b.bits.get(b.reference)!)}`;
}

/** The common message: `bias is float32, input x is float16 under model.half()`. */
export function mismatchUnderRegime(b: BrokenCall): string {
  return `${blamedPhrase(b)}, ${referencePhrase(b)} under ${REGIME_TEXT[b.regime]}`;
}

/** `modulated_deform_conv_forward` for `ext_module.modulated_deform_conv_forward`. */
export function lastName(opName: string): string {
  return opName.slice(opName.lastIndexOf('.') + 1);
}

export function short(text: string, limit: number): string {
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
function storyOrder(call: OpCall, b: BrokenCall): TensorOperand[] {
  const rank = (o: TensorOperand) => (b.blamed.includes(o) ? 0 : o === b.reference ? 1 : 2);
  return call.operands.filter(isTensorOperand).sort((x, y) => rank(x) - rank(y));
}

/** The hover's story of a broken call; a reference that is no operand of the call (the model) comes last. */
export function detailOf(b: BrokenCall, notes: string[]): FindingDetail {
  const { call } = b;
  const operands = storyOrder(call, b).map((o) => ({
    role: o.role,
    ...(o.text !== o.role ? { text: short(o.text, 40) } : {}),
    dtype: dtypeName(b.bits.get(o) ?? dtypesOf(o.value).half),
    steps: stepsOf(call, o),
  }));
  if (!call.operands.includes(b.reference))
    operands.push({
      role: b.reference.role,
      dtype: dtypeName(b.bits.get(b.reference)!),
      steps: b.reference.value.steps.map((s) => ({ ...s })),
    });
  return {
    regime: b.regime,
    regimes: b.regimes,
    className: call.className,
    functionName: call.functionName,
    operands,
    notes,
  };
}
