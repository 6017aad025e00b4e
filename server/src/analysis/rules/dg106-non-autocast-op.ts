/**
 * DG106 non-autocast-op: Deformable conv, CARAFE, masked conv, sparse conv and `autograd.Function.apply` are CUDA kernels that autocast does not cast: the offset from an autocast conv is float16, the weight float32.
 */
import type { Rule } from '../rule';
import { dtypeFindings } from '../dtype/analysis';

export const dg106: Rule = {
  code: 'DG106',
  name: 'non-autocast-op',
  defaultSeverity: 'warning',
  summary: 'A custom op that autocast does not cover receives operands of different dtypes.',
  kind: 'code',
  check: (ctx) =>
    dtypeFindings(ctx)
      .filter((f) => f.code === 'DG106')
      .map((f) => ({ ...f, severity: 'warning' })),
};
