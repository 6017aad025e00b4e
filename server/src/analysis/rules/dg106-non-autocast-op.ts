/**
 * DG106 non-autocast-op: Deformable conv, CARAFE, masked conv, sparse conv and `autograd.Function.apply` are CUDA kernels that autocast does not cast: the offset from an autocast conv is float16, the weight float32.
 * Docs: docs/rules/DG106.md; fixtures: test/fixtures/code/dg106_*.py.
 */
import { causeOfBreak, customUnderAutocast, followsOrUnknown, type BrokenCall } from '../dtype/broken';
import { edit } from '../dtype/fixBuilders';
import { F16 } from '../dtype/lattice';
import { blamedPhrase, lastName, referencePhrase, short } from '../dtype/message';
import { receiverText } from '../nodeHelpers';
import { isTensorOperand, type TensorOperand } from '../dtype/context';
import type { Fix } from '../types';
import { dtypeRule } from './dtypeRule';

export const dg106 = dtypeRule({
  code: 'DG106',
  name: 'non-autocast-op',
  summary: 'A custom op that autocast does not cover receives operands of different dtypes.',
  /** A custom op breaks under autocast, or under any regime with a blamed operand of no fixed cause. */
  owns: (b: BrokenCall) => customUnderAutocast(b) || (b.call.custom && followsOrUnknown(causeOfBreak(b))),
  message: (b) => `${blamedPhrase(b)}, ${referencePhrase(b)} in ${short(lastName(b.call.opName), 20)} under autocast`,
  fixes: (b) => typeAsFix(b),
  notes: (b) => [`\`${short(b.call.opName, 60)}\` is a custom op that autocast does not cast.`],
});

/** Every operand cast to the reference with `type_as` before the custom op (what mmcv does). */
function typeAsFix(v: BrokenCall): Fix[] {
  const { call } = v;
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
  const targets = call.operands.filter(
    (o): o is TensorOperand => o.node !== undefined && o !== ref && isTensorOperand(o) && v.bits.get(o) !== refBits,
  );
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
