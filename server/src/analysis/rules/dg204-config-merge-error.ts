/**
 * DG204 config-merge-error: a config that mmengine refuses to load — a child dict over a base value
 * that is not a dict (TypeError), or the same key in two `_base_` files (KeyError).
 * Docs: docs/rules/DG204.md; fixtures: test/fixtures/configs/.
 */
import { configProblemRule } from './configProblemRule';

export const dg204 = configProblemRule({
  code: 'DG204',
  name: 'config-merge-error',
  defaultSeverity: 'error',
  summary: 'A config cannot be merged with its _base_ configs (mmengine fails to load it).',
  owns: ['merge-type', 'duplicate-key'],
});
