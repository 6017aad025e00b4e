/** The single registry of rules: every rule is listed here once. */
import type { Rule } from '../rule';
import { dg101 } from './dg101-fresh-float-tensor';
import { dg102 } from './dg102-explicit-float-cast';
import { dg103 } from './dg103-unconverted-tensor';
import { dg104 } from './dg104-promoted-activation';
import { dg105 } from './dg105-autocast-disabled';
import { dg106 } from './dg106-non-autocast-op';
import { dg107 } from './dg107-half-model-float-input';

export const rules: readonly Rule[] = [dg101, dg102, dg103, dg104, dg105, dg106, dg107];

export function ruleByCode(code: string): Rule | undefined {
  return rules.find((rule) => rule.code === code);
}
