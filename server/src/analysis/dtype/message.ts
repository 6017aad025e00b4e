/** The words of a finding: the squiggle's one-line message and the hover's step-by-step detail. */
import type { FindingDetail } from '../types';
import type { OpCall, Operand } from './context';
import type { Verdict } from './judge';
import { dtypeName, type Regime } from './lattice';

const REGIME_TEXT: Record<Regime, string> = {
  half: 'half (model.half())',
  'mmcv-fp16': 'mmcv-fp16 (model in float16, norm layers kept in float32)',
  autocast: 'autocast (AMP)',
};

/** A message with its line references apart (0-based rows), so that it can be moved with its code. */
export type MessageParts = (string | number)[];

function origin(op: Operand): MessageParts {
  const first = op.value.steps[0];
  if (!first) return [];
  return [` (${first.text.replace(/`/g, '')}, line `, first.line, ')'];
}

/** The message text; rows are shown 1-based, moved by `shift` lines. */
export function renderMessage(parts: MessageParts, shift = 0): string {
  return parts.map((p) => (typeof p === 'number' ? String(p + shift + 1) : p)).join('');
}

export function messageOf(call: OpCall, v: Verdict): MessageParts {
  const blamed = v.blamed[0]!;
  const blamedText = [`${blamed.role} \`${short(blamed.text)}\` is ${dtypeName(v.bits.get(blamed)!)}`, ...origin(blamed)];
  const ref = v.reference;
  const refText = `${ref.role} \`${short(ref.text)}\` is ${dtypeName(v.bits.get(ref)!)}`;
  if (v.code === 'DG107')
    return [...blamedText, ` but the model \`${short(ref.text)}\` is ${dtypeName(v.bits.get(ref)!)}`, ...origin(ref)];
  const where =
    v.code === 'DG105'
      ? ` inside an autocast-disabled region (${call.region.why ?? 'autocast off'})`
      : v.code === 'DG106'
        ? ` in ${short(call.opName)}, which autocast does not cast`
        : '';
  const more =
    v.blamed.length > 1
      ? ` (also ${v.blamed
          .slice(1)
          .map((b) => b.role)
          .join(', ')})`
      : '';
  return [...blamedText, `${more} while ${refText} under ${REGIME_TEXT[v.regime]}${where}`];
}

function short(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 40 ? one.slice(0, 37) + '...' : one;
}

export function detailOf(call: OpCall, v: Verdict): FindingDetail {
  const operands = call.operands
    .filter((o) => o.value.kind === 'tensor')
    .map((o) => ({
      role: o.role,
      dtype: dtypeName(v.bits.get(o) ?? o.value.d[0]),
      steps: o.value.steps.map((s) => ({ line: s.line, text: s.text })),
    }));
  if (v.code === 'DG107')
    operands.push({
      role: 'model',
      dtype: dtypeName(v.bits.get(v.reference)!),
      steps: v.reference.value.steps.map((s) => ({ ...s })),
    });
  const notes = v.regimes.length > 1 ? [`Breaks under: ${v.regimes.join(', ')}.`] : [];
  return { regime: v.regime, regimes: v.regimes, className: call.className, functionName: call.functionName, operands, notes };
}
