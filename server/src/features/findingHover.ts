/**
 * Hover on a flagged call: each operand's origin with links to its lines, the regimes that break
 * it, notes, the fix and the documentation link (from Finding.detail); on a config, what
 * configHover.ts explains.
 */
import { MarkupKind, type Connection, type Hover, type Position, type Range } from 'vscode-languageserver/node';
import { ruleByCode, ruleDocUrl, type Finding } from '../analysis/index';
import type { Analyzer } from './documentAnalysis';
import { configHover, configQuery } from './configHover';
import type { DocumentStore } from './documents';
import type { SettingsStore } from './fileSettings';
import type { ServerWorkspace } from './workspaceFiles';

const REGIMES: Record<string, string> = {
  half: '`half` (after `model.half()`)',
  'mmcv-fp16': '`mmcv-fp16` (mmcv fp16 training: half, with norm layers kept in float32)',
  autocast: '`autocast` (AMP: weights float32, the ops autocast covers cast their inputs)',
};

function contains(range: Range, p: Position): boolean {
  const after = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const before = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return after && before;
}

const code = (text: string) => '`' + text.replace(/`/g, "'") + '`';

/**
 * Markdown for one finding, telling what the message does not: where each operand got its dtype
 * (linked to the line that made it), the regimes that break, and the fix. The editor shows the
 * message itself beside the hover, so it is not repeated. Step lines are 0-based like every
 * position of the core; links show them 1-based.
 */
export function renderFinding(finding: Finding, uri: string, shown = new Set<string>()): string {
  const rule = ruleByCode(finding.code);
  /** Whether a line is new to this hover (several findings on one line share regimes and fixes). */
  const fresh = (line: string) => !shown.has(line) && !!shown.add(line);
  const out = [`**Dtype Guard (${finding.code})**${rule ? ` ${rule.name}` : ''}`];
  const detail = finding.detail;
  const operands = detail?.operands ?? [];
  if (operands.length) {
    out.push('', 'Where the dtypes come from:');
    for (const operand of operands) {
      const steps = operand.steps.map((s) => `[line ${s.line + 1}](${uri}#L${s.line + 1}) ${code(s.text.trim())}`);
      const name = `**${operand.role}**${operand.text ? ` ${code(operand.text)}` : ''}`;
      out.push(`- ${name} is ${code(operand.dtype)}${steps.length ? ': ' + steps.join(' → ') : ''}`);
    }
  }
  // A config's AMP story is told by the config hover below; the regimes are for code findings.
  const regimes = rule?.kind === 'config' ? [] : (detail?.regimes ?? (detail?.regime ? [detail.regime] : []));
  const regimeText = regimes.map((r) => REGIMES[r] ?? code(r)).join(', ');
  if (regimeText && fresh(regimeText)) out.push('', `Breaks under ${regimeText}.`);
  for (const note of detail?.notes ?? []) if (fresh(note)) out.push('', note);
  const fix = finding.fixes.find((f) => f.preferred) ?? finding.fixes[0];
  const fixLine = fix && `**Fix:** ${fix.title}${fix.safe ? '' : ' (unsafe: check the result)'}`;
  const docs = `[Documentation for ${finding.code}](${ruleDocUrl(finding.code)})`;
  out.push('', fixLine && fresh(fixLine) ? `${fixLine} · ${docs}` : docs);
  return out.join('\n');
}

export interface ConfigHoverDeps {
  documents: DocumentStore;
  settings: SettingsStore;
  workspace: ServerWorkspace;
}

export function registerHover(connection: Connection, analyzer: Analyzer, config?: ConfigHoverDeps): void {
  connection.onHover(async (params, token): Promise<Hover | null> => {
    const uri = params.textDocument.uri;
    const result = await analyzer.latest(uri, token);
    const hits = result?.findings.filter((f) => contains(f.range, params.position)) ?? [];
    const shown = new Set<string>();
    const parts = hits.map((f) => renderFinding(f, uri, shown));
    let range = hits[0]?.range;
    if (config) {
      try {
        const input = await configQuery(uri, config.documents, config.settings, config.workspace);
        const explained = input && configHover(input.text, params.position, input.query);
        if (explained) {
          parts.push(explained.markdown);
          range ??= explained.range;
        }
      } catch (error) {
        connection.console.error(
          `${uri}: config hover failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
    }
    if (!parts.length) return null;
    return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range };
  });
}
