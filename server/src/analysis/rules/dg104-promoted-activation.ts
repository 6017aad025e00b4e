/**
 * DG104 promoted-activation: Arithmetic with a dimensioned float32 tensor (fp32 statistics, a fresh tensor) promotes the activation; a 0-dim tensor or a Python scalar would not.
 * Docs: docs/rules/DG104.md; fixtures: test/fixtures/code/dg104_*.py.
 */
import { causeOfBreak, type BrokenCall } from '../dtype/broken';
import { castThenCreation } from '../dtype/fixBuilders';
import { mismatchUnderRegime } from '../dtype/message';
import { dtypeRule } from './dtypeRule';

export const dg104 = dtypeRule({
  code: 'DG104',
  name: 'promoted-activation',
  summary: 'An activation is promoted to float32 by arithmetic with a float32 tensor and then meets module weights.',
  /** The blamed activation was promoted by float32 arithmetic, or is a norm layer's float32 statistics. */
  owns(b: BrokenCall) {
    const cause = causeOfBreak(b);
    return cause === 'promoted' || cause === 'norm';
  },
  message: mismatchUnderRegime,
  fixes: castThenCreation,
});
