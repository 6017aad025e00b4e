/**
 * DG204 config-merge-error: a config that mmengine refuses to load — a child dict over a base value
 * that is not a dict (TypeError), or the same key in two `_base_` files (KeyError).
 */
import type { Rule } from '../rule';
import { configState } from '../config/state';

export const dg204: Rule = {
  code: 'DG204',
  name: 'config-merge-error',
  defaultSeverity: 'error',
  summary: 'A config cannot be merged with its _base_ configs (mmengine fails to load it).',
  kind: 'config',
  check(ctx) {
    const state = configState(ctx);
    if (!state) return [];
    return state.config.problems
      .filter((p) => p.code === 'DG204')
      .map((p) => ({
        code: p.code,
        severity: 'error' as const,
        message: p.message,
        range: p.range,
        fixes: [],
        related: p.related,
      }));
  },
};
