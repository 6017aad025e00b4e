/** The single registry of rules: every rule is listed here once. */
import type { Rule } from '../rule';
import { dg101 } from './dg101-fresh-float-tensor';

export const rules: readonly Rule[] = [dg101];

export function ruleByCode(code: string): Rule | undefined {
  return rules.find((rule) => rule.code === code);
}
