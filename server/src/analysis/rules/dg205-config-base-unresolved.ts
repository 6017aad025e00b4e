/**
 * DG205 config-base-unresolved: a `_base_` entry that names a missing file or closes a cycle.
 * Package references (`mmdet::...`) whose package is not installed are not reported (hover only).
 */
import type { Rule } from '../rule';
import { configState } from '../config/state';

export const dg205: Rule = {
  code: 'DG205',
  name: 'config-base-unresolved',
  defaultSeverity: 'warning',
  summary: 'A _base_ config is missing or the _base_ chain has a cycle.',
  kind: 'config',
  check(ctx) {
    const state = configState(ctx);
    if (!state) return [];
    return state.config.problems
      .filter((p) => p.code === 'DG205')
      .map((p) => ({
        code: p.code,
        severity: 'warning' as const,
        message: p.message,
        range: p.range,
        fixes: [],
        related: p.related,
      }));
  },
};
