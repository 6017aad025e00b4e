/**
 * Hover on a flagged call: the finding's message, the regimes that break it, each operand's origin
 * chain with links to its lines, notes and the documentation link (from Finding.detail); on a
 * config, what configHover.ts explains.
 */
import { MarkupKind, type Connection, type Hover, type Position, type Range } from 'vscode-languageserver/node';
import { ruleByCode, ruleDocUrl, type Finding } from '../analysis/index';
import type { Analyzer } from './analysis';
import { configHover, configQuery } from './configHover';
import type { DocumentStore } from './documents';
import type { SettingsStore } from './settings';
import type { ServerWorkspace } from './workspaceFiles';

const REGIMES: Record<string, string> = {
  half: '`half` — after `model.half()`: parameters, buffers and inputs are float16',
  'mmcv-fp16': '`mmcv-fp16` — mmcv fp16 training (`wrap_fp16_model`): like `half`, with norm layers kept in float32',
  autocast: '`autocast` — AMP (`torch.autocast`, `AmpOptimWrapper`): weights float32, autocast-covered ops cast their inputs',
};

function contains(range: Range, p: Position): boolean {
  const after = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const before = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return after && before;
}

const code = (text: string) => '`' + text.replace(/`/g, "'") + '`';

/** Markdown for one finding. Step lines are 0-based like every position of the core; links show them 1-based. */
export function renderFinding(finding: Finding, uri: string): string {
  const rule = ruleByCode(finding.code);
  const out = [`**Dtype Guard (${finding.code})**${rule ? ` ${rule.name}` : ''}`, '', finding.message];
  const detail = finding.detail;
  const regimes = detail?.regimes ?? (detail?.regime ? [detail.regime] : []);
  if (regimes.length) {
    out.push('', 'Breaks under:');
    for (const r of regimes) out.push(`- ${REGIMES[r] ?? code(r)}`);
  }
  for (const operand of detail?.operands ?? []) {
    out.push('', `**${operand.role}** is ${code(operand.dtype)}:`);
    operand.steps.forEach((step, i) =>
      out.push(`${i + 1}. [line ${step.line + 1}](${uri}#L${step.line + 1}) ${code(step.text.trim())}`),
    );
  }
  // The regimes are listed above; a note that only repeats them is left out.
  for (const note of detail?.notes ?? []) if (!(regimes.length && /^Breaks under\b/.test(note))) out.push('', note);
  out.push('', `[Documentation for ${finding.code}](${ruleDocUrl(finding.code)})`);
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
    const parts = hits.map((f) => renderFinding(f, uri));
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
