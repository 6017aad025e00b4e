/**
 * DG202 amp-inherited: a config gets fp16/AMP from a `_base_` file without turning it off. Reported
 * on the `_base_` line, with the file and line where AMP is set.
 */
import path from 'node:path';
import type { Rule } from '../rule';
import { overrideFix } from '../config/ampFixes';
import { configState } from '../config/state';
import { workspacePath } from '../paths';

export const dg202: Rule = {
  code: 'DG202',
  name: 'amp-inherited',
  defaultSeverity: 'information',
  summary: 'A config inherits fp16/AMP from a _base_ config without turning it off.',
  kind: 'config',
  check(ctx) {
    const state = configState(ctx);
    const declaration = state?.config.declaration;
    if (!state || !declaration) return [];
    const inherited = state.amp.filter((s) => s.value.origin.file !== state.file);
    if (!inherited.length) return [];
    const first = inherited[0]!;
    const where = `${path.basename(first.value.origin.file)}:${first.value.origin.range.start.line + 1}`;
    const fix = overrideFix(inherited, state, ctx.source);
    if (fix) fix.preferred = true;
    return [
      {
        code: 'DG202',
        severity: 'information',
        message: `AMP is inherited from ${where} (${first.label})`,
        // the `_base_` name itself: one line even when the list spans several
        range: {
          start: declaration.statement.start,
          end: { ...declaration.statement.start, character: declaration.statement.start.character + 6 },
        },
        fixes: fix ? [fix] : [],
        related: inherited.map((s) => ({
          file: s.value.origin.file,
          range: s.value.origin.range,
          message: `${s.label} set here`,
        })),
        detail: {
          regime: 'autocast',
          notes: inherited.map(
            (s) =>
              `${s.label} (${s.dtype}) from ${workspacePath(s.value.origin.file, ctx.workspace?.roots)}:${s.value.origin.range.start.line + 1}`,
          ),
        },
      },
    ];
  },
};
