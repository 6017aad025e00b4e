/**
 * DG104 promoted-activation: Arithmetic with a dimensioned float32 tensor (fp32 statistics, a fresh tensor) promotes the activation; a 0-dim tensor or a Python scalar would not.
 */
import type { Rule } from '../rule';
import { dtypeFindings } from '../dtype/analysis';

export const dg104: Rule = {
  code: 'DG104',
  name: 'promoted-activation',
  defaultSeverity: 'warning',
  summary: 'An activation is promoted to float32 by arithmetic with a float32 tensor and then meets module weights.',
  kind: 'code',
  check: (ctx) =>
    dtypeFindings(ctx)
      .filter((f) => f.code === 'DG104')
      .map((f) => ({ ...f, severity: 'warning' })),
};
