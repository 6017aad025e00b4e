/**
 * DG203 amp-with-risky-module: AMP is effectively on and the model the config builds reaches a
 * workspace module with a call that breaks under autocast. Reported on the AMP line and on the
 * `type='...'` string, with related information pointing at the call.
 */
import path from 'node:path';
import type { Rule } from '../rule';
import type { Finding, Range, Related } from '../types';
import { localFixes } from '../config/ampFixes';
import { modelLinks, type ModuleLink } from '../config/risk';
import { configState } from '../config/state';
import { workspacePath } from '../paths';

export const dg203: Rule = {
  code: 'DG203',
  name: 'amp-with-risky-module',
  defaultSeverity: 'warning',
  summary: 'AMP is on and the model the config builds contains a module that breaks under autocast.',
  kind: 'config',
  check(ctx) {
    const state = configState(ctx);
    if (!state || !state.amp.length) return [];
    const risky = modelLinks(state, ctx.codeFindings).filter((l) => l.autocast.length);
    if (!risky.length) return [];
    const calls: Related[] = risky.flatMap((l) =>
      l.autocast.map((c) => ({
        file: c.file,
        range: c.finding.range,
        message: `${c.finding.code} in ${c.cls.path.join(' → ')}: ${c.finding.message}`,
      })),
    );
    const names = [...new Set(risky.map((l) => l.name))];
    const first = risky[0]!.autocast[0]!;
    const more = names.length > 1 ? ` and ${names.length - 1} more` : '';
    const message =
      `AMP is on and the model builds ${names[0]}${more}, which breaks under autocast ` +
      `(${path.basename(first.file)}:${first.finding.range.start.line + 1})`;
    const roots = ctx.workspace?.roots;
    const here = (l: ModuleLink) => l.type.origin.file === state.file;
    const typeRelated: Related[] = risky.map((l) => ({
      file: here(l) ? undefined : l.type.origin.file,
      range: l.type.origin.valueRange,
      message: `type='${l.name}' set here`,
    }));
    const ampRelated: Related[] = state.amp
      .filter((s) => s.value.origin.file !== state.file)
      .map((s) => ({ file: s.value.origin.file, range: s.value.origin.range, message: `${s.label} set here` }));
    const finding = (range: Range, extra: Related[], fixes: Finding['fixes']): Finding => ({
      code: 'DG203',
      severity: 'warning',
      message,
      range,
      fixes,
      related: [...calls, ...extra],
      detail: { regime: 'autocast', regimes: ['autocast'], notes: risky.map((l) => describeLink(l, roots)) },
    });
    // One finding per config: on the line that turns AMP on here (its fix turns it off), else on
    // the type string here, else on `_base_`; the other places are related information.
    const local = state.amp.find((s) => s.value.origin.file === state.file);
    if (local) return [finding(local.value.origin.range, typeRelated, localFixes(local, state, ctx.source))];
    const typed = risky.find(here);
    if (typed)
      return [
        finding(
          typed.type.origin.valueRange,
          [...typeRelated.filter((r) => r.range !== typed.type.origin.valueRange), ...ampRelated],
          [],
        ),
      ];
    const declaration = state.config.declaration;
    if (!declaration) return [];
    const start = declaration.statement.start;
    return [finding({ start, end: { ...start, character: start.character + 6 } }, [...typeRelated, ...ampRelated], [])];
  },
};

function describeLink(link: ModuleLink, roots: string[] | undefined): string {
  const where = link.resolved
    ? `${link.resolved.className} in ${workspacePath(link.resolved.file, roots)}`
    : 'not found in the workspace';
  return `model.${[...link.keys, 'type'].join('.')}='${link.name}' → ${where}`;
}
