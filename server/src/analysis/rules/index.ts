/** The single registry of rules: every rule is listed here once. */
import type { Rule } from '../rule';
import { dg101 } from './dg101-fresh-float-tensor';
import { dg201 } from './dg201-amp-enabled';
import { dg202 } from './dg202-amp-inherited';
import { dg203 } from './dg203-amp-with-risky-module';
import { dg204 } from './dg204-config-merge-error';
import { dg205 } from './dg205-config-base-unresolved';

export const rules: readonly Rule[] = [dg101, dg201, dg202, dg203, dg204, dg205];

export function ruleByCode(code: string): Rule | undefined {
  return rules.find((rule) => rule.code === code);
}
