/**
 * DG107 half-model-float-input: A call site converts the model (`model.half()`, `.to(torch.float16)`, `wrap_fp16_model`) and feeds it tensors that keep their own dtype.
 */
import type { Rule } from '../rule';
import { dtypeFindings } from '../dtype/analysis';

export const dg107: Rule = {
  code: 'DG107',
  name: 'half-model-float-input',
  defaultSeverity: 'warning',
  summary: 'A model converted to half precision is fed a tensor that was not converted (or the reverse).',
  kind: 'code',
  check: (ctx) =>
    dtypeFindings(ctx)
      .filter((f) => f.code === 'DG107')
      .map((f) => ({ ...f, severity: 'warning' })),
};
