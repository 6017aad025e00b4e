/**
 * DG107 half-model-float-input: A call site converts the model (`model.half()`, `.to(torch.float16)`, `wrap_fp16_model`) and feeds it tensors that keep their own dtype.
 * Docs: docs/rules/DG107.md; fixtures: test/fixtures/code/dg107_*.py.
 */
import { isModelInput, type BrokenCall } from '../dtype/broken';
import { edit } from '../dtype/fixBuilders';
import { F16, F32, dtypeName } from '../dtype/lattice';
import { blamedPhrase, short } from '../dtype/message';
import { receiverText } from '../nodeHelpers';
import type { Fix } from '../types';
import { dtypeRule } from './dtypeRule';

export const dg107 = dtypeRule({
  code: 'DG107',
  name: 'half-model-float-input',
  summary: 'A model converted to half precision is fed a tensor that was not converted (or the reverse).',
  owns: isModelInput,
  message: (b) => `${blamedPhrase(b)}, the model ${short(b.reference.text, 24)} is ${dtypeName(b.bits.get(b.reference)!)}`,
  fixes: (b) => modelInputFixes(b),
});

/** The input converted to the model's dtype at the call. */
function modelInputFixes({ call, blamed }: BrokenCall): Fix[] {
  const x = blamed[0];
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
