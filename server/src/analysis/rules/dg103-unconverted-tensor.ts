/**
 * DG103 unconverted-tensor: A plain tensor attribute, parameters in a Python list, a submodule outside the module tree, or a layer created in `forward` stays float32 when the model is converted.
 */
import type { Rule } from '../rule';
import { dtypeFindings } from '../dtype/analysis';

export const dg103: Rule = {
  code: 'DG103',
  name: 'unconverted-tensor',
  defaultSeverity: 'warning',
  summary: 'An operand is a tensor or layer that .half() / .to() do not convert.',
  kind: 'code',
  check: (ctx) =>
    dtypeFindings(ctx)
      .filter((f) => f.code === 'DG103')
      .map((f) => ({ ...f, severity: 'warning' })),
};
