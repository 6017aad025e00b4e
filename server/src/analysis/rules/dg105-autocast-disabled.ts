/**
 * DG105 autocast-disabled: Inside `autocast(enabled=False)`, `@force_fp32` or `custom_fwd(cast_inputs=torch.float32)` the op is not cast, so the half activation from the layers before meets float32 weights.
 */
import type { Rule } from '../rule';
import { dtypeFindings } from '../dtype/analysis';

export const dg105: Rule = {
  code: 'DG105',
  name: 'autocast-disabled',
  defaultSeverity: 'warning',
  summary: 'A conv/linear inside an autocast-disabled region receives a half activation while its weights are float32.',
  kind: 'code',
  check: (ctx) =>
    dtypeFindings(ctx)
      .filter((f) => f.code === 'DG105')
      .map((f) => ({ ...f, severity: 'warning' })),
};
