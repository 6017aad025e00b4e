/**
 * DG205 config-base-unresolved: a `_base_` entry that names a missing file or closes a cycle.
 * Package references (`mmdet::...`) whose package is not installed are not reported (hover only).
 * Docs: docs/rules/DG205.md; fixtures: test/fixtures/configs/.
 */
import { configProblemRule } from './configProblemRule';

export const dg205 = configProblemRule({
  code: 'DG205',
  name: 'config-base-unresolved',
  defaultSeverity: 'warning',
  summary: 'A _base_ config is missing or the _base_ chain has a cycle.',
  owns: ['missing-base', 'base-cycle', 'base-too-deep'],
});
