/**
 * DG101 fresh-float-tensor: A tensor created in the forward path without `dtype=` (float32 whatever the model is) meets operands that follow the model.
 * Docs: docs/rules/DG101.md; fixtures: test/fixtures/code/dg101_*.py.
 */
import { causeOfBreak, type BrokenCall } from '../dtype/broken';
import { castThenCreation } from '../dtype/fixBuilders';
import { mismatchUnderRegime } from '../dtype/message';
import { dtypeRule } from './dtypeRule';

export const dg101 = dtypeRule({
  code: 'DG101',
  name: 'fresh-float-tensor',
  summary: 'A tensor created with the default dtype (float32) reaches a conv/linear operand that follows the model dtype.',
  /** The blamed tensor was created with the default dtype, or from a float64 numpy array. */
  owns(b: BrokenCall) {
    const cause = causeOfBreak(b);
    return cause === 'fresh' || cause === 'numpy';
  },
  message: mismatchUnderRegime,
  fixes: castThenCreation,
});
