/**
 * DG203 amp-with-risky-module: AMP is effectively on and the model the config builds reaches a
 * workspace module with a call that breaks under autocast. Reported on the AMP line and on the
 * `type='...'` string, with related information pointing at the call.
 */
import path from 'node:path';
import type { Rule } from '../rule';
import type { Finding, Range, Related } from '../types';
import { localFixes } from '../config/fixes';
import { modelLinks, type ModuleLink } from '../config/risk';
import { configState } from '../config/state';

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
    const summary =
      `AMP is on and the model builds ${names.join(', ')} (${path.basename(first.file)}), ` +
      `which breaks under autocast: ${first.finding.code} at line ${first.finding.range.start.line + 1}`;
    const findings: Finding[] = [];
    const seen = new Set<string>();
    const add = (range: Range, extra: Related[], fixes: Finding['fixes']) => {
      const key = `${range.start.line}:${range.start.character}`;
      if (seen.has(key)) return;
      seen.add(key);
      findings.push({
        code: 'DG203',
        severity: 'warning',
        message: summary,
        range,
        fixes,
        related: [...calls, ...extra],
        detail: { regime: 'autocast', regimes: ['autocast'], notes: risky.map(describeLink) },
      });
    };
    const typeRelated: Related[] = risky
      .filter((l) => l.type.origin.file !== state.file)
      .map((l) => ({ file: l.type.origin.file, range: l.type.origin.valueRange, message: `type='${l.name}' set here` }));
    const ampRelated: Related[] = state.amp
      .filter((s) => s.value.origin.file !== state.file)
      .map((s) => ({ file: s.value.origin.file, range: s.value.origin.range, message: `${s.label} set here` }));
    for (const source of state.amp.filter((s) => s.value.origin.file === state.file)) {
      const fixes = localFixes(source, state, ctx.source);
      add(source.value.origin.range, typeRelated, fixes);
    }
    for (const link of risky.filter((l) => l.type.origin.file === state.file)) add(link.type.origin.valueRange, ampRelated, []);
    const declaration = state.config.declaration;
    if (!findings.length && declaration) {
      const start = declaration.statement.start;
      add({ start, end: { ...start, character: start.character + 6 } }, [...typeRelated, ...ampRelated], []);
    }
    return findings;
  },
};

function describeLink(link: ModuleLink): string {
  const where = link.resolved ? `${link.resolved.className} in ${link.resolved.file}` : 'not found in the workspace';
  return `model.${[...link.keys, 'type'].join('.')}='${link.name}' → ${where}`;
}
