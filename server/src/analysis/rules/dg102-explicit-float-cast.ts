/**
 * DG102 explicit-float-cast: An explicit `.float()`, `.double()`, `.to(torch.float32)` or `dtype=torch.float32` pins one operand while another follows the model.
 * Docs: docs/rules/DG102.md; fixtures: test/fixtures/code/dg102_*.py.
 */
import { causeOfBreak, followsOrUnknown, type BrokenCall } from '../dtype/broken';
import { castThenCreation, islandFixes } from '../dtype/fixBuilders';
import { mismatchUnderRegime } from '../dtype/message';
import { dtypeRule } from './dtypeRule';

export const dg102 = dtypeRule({
  code: 'DG102',
  name: 'explicit-float-cast',
  summary: 'An operand is cast to a fixed float dtype while another follows the model or input dtype.',
  /**
   * The blamed operand was cast to a fixed float dtype; also any other mismatch at a torch op whose
   * blamed operand has no fixed cause (a float32 pinned somewhere the model does not see).
   */
  owns(b: BrokenCall) {
    const cause = causeOfBreak(b);
    return cause === 'cast' || (!b.call.custom && followsOrUnknown(cause));
  },
  message: mismatchUnderRegime,
  fixes: (b, imports) => islandFixes(b, imports) ?? castThenCreation(b),
});
