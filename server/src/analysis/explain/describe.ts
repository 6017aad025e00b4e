/**
 * The DG100 finding of an explained crash the rules had no finding for: the call, the two dtypes
 * the error prints, what the analysis knows of each operand, and the cast that matches the error.
 */
import type { CallView, OperandView } from '../dtype/callsOnLine';
import type { Finding, Fix, Range } from '../types';
import { dtypeFromError } from './dtypeNames';
import type { Mismatch } from './wordings';

export const EXPLAIN_CODE = 'DG100';

const FOLLOWERS = new Set(['input', 'module', 'norm']);

const CAUSE_TEXT: Record<string, string> = {
  input: "follows the input's dtype",
  module: "follows the model's dtype",
  norm: "is a norm layer's statistics (float32 under mmcv's fp16)",
  fresh: 'is created at the default dtype (float32)',
  numpy: 'comes from a float64 numpy array',
  cast: 'is cast to a fixed dtype',
  unconverted: 'is not converted with the model',
  promoted: 'is promoted to float32 by arithmetic',
};

/** The call's operand an error's name for it stands for (`mat1` is a linear's input, `self` its bias). */
function operandNamed(role: string | undefined, call: CallView): OperandView | undefined {
  if (!role) return undefined;
  const by = (...roles: string[]) => call.operands.find((o) => roles.includes(o.role));
  switch (role) {
    case 'input':
    case 'mat1':
      return by('input', 'features') ?? call.operands[0];
    case 'weight':
    case 'mat2':
      return by('weight', 'masks', 'filters') ?? call.operands[1];
    case 'bias':
    case 'self':
      return by('bias');
    default:
      return call.operands.length === 2 ? call.operands[1] : undefined;
  }
}

/** The operand the error blames and the one it is measured against. */
export function blameOperands(m: Mismatch, call: CallView): { reference?: OperandView; blamed?: OperandView } {
  const tensors = call.operands.filter((o) => o.isTensor || o.range);
  let reference = operandNamed(m.reference.role, call);
  let blamed = operandNamed(m.blamed.role, call);
  if (m.ambiguous || !blamed || !reference || blamed === reference) {
    reference = operandNamed('input', call);
    const others = tensors.filter((o) => o !== reference);
    // Of the operands the error leaves open, the analysis knows which one has a dtype of its own.
    blamed = others.find((o) => o.cause && !FOLLOWERS.has(o.cause)) ?? (blamed !== reference ? blamed : undefined) ?? others[0];
  }
  return { reference, blamed: blamed === reference ? undefined : blamed };
}

/** `x` as a receiver: a name, attribute, call or subscript as it is; anything else in parentheses. */
function receiver(text: string): string {
  return /^[\w.]+(\(.*\)|\[.*\])*$/s.test(text) ? text : `(${text})`;
}

function originOf(o: OperandView): string {
  const what = o.isTensor && o.cause ? CAUSE_TEXT[o.cause] : undefined;
  if (!what) return `${o.role} \`${short(o.text)}\` is not known to the analysis`;
  const step = o.steps[0];
  return `${o.role} \`${short(o.text)}\` ${what}${step ? ` (${step.text.replace(/`/g, '')}, line ${step.line + 1})` : ''}`;
}

function short(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 40 ? one.slice(0, 37) + '...' : one;
}

const dtypeText = (printed: string | undefined) => dtypeFromError(printed) ?? printed;

export interface ExplainPlace {
  /** The call's range, or the line's code when the analysis recorded no call there. */
  range: Range;
  /** The source line, stripped, to name the call by when no call is known. */
  code: string;
}

/** The DG100 finding for a crash on `place`, with `call` the op call the analysis recorded there (if any). */
export function describeCrash(m: Mismatch, place: ExplainPlace, call: CallView | undefined): Finding {
  const { reference, blamed } = call ? blameOperands(m, call) : {};
  const who = (side: 'reference' | 'blamed', o: OperandView | undefined) =>
    o ? `${o.role} \`${short(o.text)}\`` : (m[side].role ?? (side === 'blamed' ? 'one operand' : 'the other'));
  const [b, r] = [dtypeText(m.blamed.dtype), dtypeText(m.reference.dtype)];
  const parts = [`\`${short(call ? callText(call, place) : place.code)}\` raised "${short2(m.text)}": `];
  if (b && r) parts.push(`${who('blamed', blamed)} is ${b} while ${who('reference', reference)} is ${r}.`);
  else parts.push(`${who('blamed', blamed)} and ${who('reference', reference)} have different dtypes.`);
  if (call) {
    parts.push(` The analysis: ${call.operands.map(originOf).join('; ')}.`);
    if (!call.operands.some((o) => o.isTensor && o.cause && !FOLLOWERS.has(o.cause)))
      parts.push(' It sees no fixed dtype on this path: the mismatch comes from outside this file or from data.');
  } else parts.push(' The analysis has no conv/linear call recorded on this line.');
  const fix = castFix(reference, blamed, m);
  parts.push(` Fix: ${fix ? fix.title.charAt(0).toLowerCase() + fix.title.slice(1) : fixInWords(m)}.`);
  return {
    code: EXPLAIN_CODE,
    severity: 'error',
    message: parts.join(''),
    range: place.range,
    fixes: fix ? [fix] : [],
  };
}

function callText(call: CallView, place: ExplainPlace): string {
  return call.layer
    ? `${call.layer}(...)`
    : call.opName.includes('.') || place.code.length > 40
      ? `${call.opName}(...)`
      : place.code;
}

function short2(text: string): string {
  return text.length > 160 ? text.slice(0, 157) + '...' : text;
}

/** Cast the blamed operand to the reference's dtype at the call; a layer's own weight: cast the input to it. */
function castFix(reference: OperandView | undefined, blamed: OperandView | undefined, m: Mismatch): Fix | undefined {
  if (!reference || !blamed) return undefined;
  if (blamed.range) {
    const target = `${receiver(reference.text)}.dtype`;
    return {
      title: `Cast ${short(blamed.text)} to ${target}`,
      edits: [{ range: blamed.range, newText: `${receiver(blamed.text)}.to(${target})` }],
      preferred: true,
      safe: false,
    };
  }
  if (reference.range) {
    // The layer's own parameter cannot be cast at the call: the input takes the parameter's dtype.
    const target = `${receiver(blamed.text)}.dtype`;
    const dtype = dtypeText(m.blamed.dtype);
    return {
      title: `Cast ${short(reference.text)} to ${target}${dtype ? ` (${dtype})` : ''}`,
      edits: [{ range: reference.range, newText: `${receiver(reference.text)}.to(${target})` }],
      preferred: true,
      safe: false,
    };
  }
  return undefined;
}

function fixInWords(m: Mismatch): string {
  const to = dtypeText(m.reference.dtype);
  const what = m.blamed.role ?? 'the operand whose dtype differs';
  return `cast ${what}${m.blamed.dtype ? ` (${dtypeText(m.blamed.dtype)})` : ''} to ${to ? to : 'the dtype of the other operand'} before the call`;
}
