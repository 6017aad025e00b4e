/** The single registry of rules: every rule is listed here once. */
import type { Rule } from '../rule';
import { dg101 } from './dg101-fresh-float-tensor';
import { dg102 } from './dg102-explicit-float-cast';
import { dg103 } from './dg103-unconverted-tensor';
import { dg104 } from './dg104-promoted-activation';
import { dg105 } from './dg105-autocast-disabled';
import { dg106 } from './dg106-non-autocast-op';
import { dg107 } from './dg107-half-model-float-input';
import { dg201 } from './dg201-amp-enabled';
import { dg202 } from './dg202-amp-inherited';
import { dg203 } from './dg203-amp-with-risky-module';
import { dg204 } from './dg204-config-merge-error';
import { dg205 } from './dg205-config-base-unresolved';

export const rules: readonly Rule[] = [dg101, dg102, dg103, dg104, dg105, dg106, dg107, dg201, dg202, dg203, dg204, dg205];

export function ruleByCode(code: string): Rule | undefined {
  return rules.find((rule) => rule.code === code);
}
