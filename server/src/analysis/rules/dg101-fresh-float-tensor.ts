/**
 * DG101 fresh-float-tensor: A tensor created in the forward path without `dtype=` (float32 whatever the model is) meets operands that follow the model.
 */
import type { Rule } from '../rule';
import { dtypeFindings } from '../dtype/analysis';

export const dg101: Rule = {
  code: 'DG101',
  name: 'fresh-float-tensor',
  defaultSeverity: 'warning',
  summary: 'A tensor created with the default dtype (float32) reaches a conv/linear operand that follows the model dtype.',
  kind: 'code',
  check: (ctx) =>
    dtypeFindings(ctx)
      .filter((f) => f.code === 'DG101')
      .map((f) => ({ ...f, severity: 'warning' })),
};
