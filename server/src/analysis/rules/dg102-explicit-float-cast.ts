/**
 * DG102 explicit-float-cast: An explicit `.float()`, `.double()`, `.to(torch.float32)` or `dtype=torch.float32` pins one operand while another follows the model.
 */
import type { Rule } from '../rule';
import { dtypeFindings } from '../dtype/analysis';

export const dg102: Rule = {
  code: 'DG102',
  name: 'explicit-float-cast',
  defaultSeverity: 'warning',
  summary: 'An operand is cast to a fixed float dtype while another follows the model or input dtype.',
  kind: 'code',
  check: (ctx) =>
    dtypeFindings(ctx)
      .filter((f) => f.code === 'DG102')
      .map((f) => ({ ...f, severity: 'warning' })),
};
