/** How DG204 and DG205 are made: each reports the kinds of config problem the merger tags that it owns. */
import type { ConfigProblemKind } from '../config/effective';
import { configState } from '../config/state';
import type { Rule } from '../rule';
import type { Severity } from '../types';

export interface ConfigProblemRuleSpec {
  code: string;
  name: string;
  defaultSeverity: Severity;
  summary: string;
  /** The problem kinds this rule reports: each kind is owned by one rule. */
  owns: readonly ConfigProblemKind[];
}

/** A config rule with the problem kinds it owns. */
export interface ConfigProblemRule extends Rule {
  owns: readonly ConfigProblemKind[];
}

export function configProblemRule(spec: ConfigProblemRuleSpec): ConfigProblemRule {
  return {
    ...spec,
    kind: 'config',
    check(ctx) {
      const state = configState(ctx);
      if (!state) return [];
      return state.config.problems
        .filter((p) => spec.owns.includes(p.kind))
        .map((p) => ({
          code: spec.code,
          severity: spec.defaultSeverity,
          message: p.message,
          range: p.range,
          fixes: [],
          related: p.related,
        }));
    },
  };
}
