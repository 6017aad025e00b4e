/**
 * DG201 amp-enabled: the config line that turns fp16/bf16 mixed precision on (every form mmcv 1.x
 * and mmengine accept). A hint, since AMP is often wanted: it names what will run under autocast.
 */
import type { Rule } from '../rule';
import type { Finding } from '../types';
import { ampEnabledMessage, lossScaleText } from '../config/messages';
import { localFixes } from '../config/ampFixes';
import { configState } from '../config/state';

export const dg201: Rule = {
  code: 'DG201',
  name: 'amp-enabled',
  defaultSeverity: 'information',
  summary: 'An OpenMMLab config turns fp16/AMP mixed precision on.',
  kind: 'config',
  check(ctx) {
    const state = configState(ctx);
    if (!state) return [];
    const findings: Finding[] = [];
    for (const source of state.amp) {
      const origin = source.value.origin;
      if (origin.file !== state.file) continue;
      const fixes = localFixes(source, state, ctx.source);
      if (fixes[0]) fixes[0].preferred = true;
      findings.push({
        code: 'DG201',
        severity: 'information',
        message: ampEnabledMessage(source),
        range: origin.range,
        fixes,
        detail: {
          regime: 'autocast',
          notes: [`dtype: ${source.dtype}`, ...(source.lossScale ? [`loss scale: ${lossScaleText(source.lossScale)}`] : [])],
        },
      });
    }
    return findings;
  },
};
