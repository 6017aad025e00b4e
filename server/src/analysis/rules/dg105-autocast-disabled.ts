/**
 * DG105 autocast-disabled: Inside `autocast(enabled=False)`, `@force_fp32` or `custom_fwd(cast_inputs=torch.float32)` the op is not cast, so the half activation from the layers before meets float32 weights.
 * Docs: docs/rules/DG105.md; fixtures: test/fixtures/code/dg105_*.py.
 */
import { inDisabledRegion, type BrokenCall } from '../dtype/broken';
import { castFixes, insertAt } from '../dtype/fixBuilders';
import { blamedPhrase, referencePhrase, short } from '../dtype/message';
import type { Fix } from '../types';
import { dtypeRule } from './dtypeRule';

export const dg105 = dtypeRule({
  code: 'DG105',
  name: 'autocast-disabled',
  summary: 'A conv/linear inside an autocast-disabled region receives a half activation while its weights are float32.',
  owns: inDisabledRegion,
  message: (b) => `${blamedPhrase(b)}, ${referencePhrase(b)} with autocast disabled`,
  // The input cast to the weight's dtype at the call settles under every regime: float32 under
  // autocast, float16 after model.half(). `x = x.float()` on entry is the AMP-only alternative
  // (after model.half() it would meet half weights: DG102).
  fixes: (b) => [...castFixes(b), ...entryFix(b)].map((f, i) => ({ ...f, preferred: i === 0, safe: i === 0 && f.safe })),
  notes: (b) => [
    `Inside an autocast-disabled region (\`${short(b.call.region.why ?? 'autocast off', 60)}\`): autocast does not cast here.`,
  ],
});

/** `x = x.float()` as the first statement of the autocast-disabled region. */
function entryFix({ call, blamed }: BrokenCall): Fix[] {
  const b = blamed.find((o) => o.node);
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
