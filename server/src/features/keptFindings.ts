/**
 * While a function does not parse (an unclosed bracket mid-edit), the findings it had are kept, moved
 * with its lines, rather than vanishing: each finding whose line reads the same in the new text is
 * carried to that line until the function parses again.
 */
import type { BrokenPart, Finding, Range } from '../analysis/index';

/** Lines as LSP counts them. */
const LINE_BREAK = /\r\n|\r|\n/;

/** A version of a text: its whole string is joined only when asked for. */
interface TextVersion {
  readonly text: string;
}

export interface LastResult {
  source: TextVersion;
  findings: Finding[];
}

/** The code findings of `previous` that lie in the broken parts of `current`, moved to where they are now. */
export function keptFindings(
  previous: LastResult | undefined,
  current: TextVersion,
  fresh: Finding[],
  parts: BrokenPart[],
): Finding[] {
  if (!previous || !parts.length) return [];
  const before = previous.source.text.split(LINE_BREAK);
  const now = current.text.split(LINE_BREAK);
  const taken = new Set(fresh.map((f) => `${f.code}@${f.range.start.line}:${f.range.start.character}`));
  const out: Finding[] = [];
  for (const finding of previous.findings) {
    if (!finding.code.startsWith('DG1')) continue; // config findings follow other files, not this text
    const owner = ownerOf(finding);
    const candidates = parts.filter((p) => !p.name || !owner || p.name === owner || p.name.endsWith(`.${owner}`));
    const line = nearestSameLine(before[finding.range.start.line], now, finding.range.start.line, candidates);
    if (line === undefined) continue;
    const delta = line - finding.range.start.line;
    const moved = (r: Range) => moveRange(r, delta, before, now);
    const range = moved(finding.range);
    if (!range || taken.has(`${finding.code}@${range.start.line}:${range.start.character}`)) continue;
    out.push({
      ...finding,
      range,
      fixes: finding.fixes
        .filter((fix) => fix.edits.every((e) => moved(e.range)))
        .map((fix) => ({
          ...fix,
          edits: fix.edits.map((e) => ({ ...e, range: moved(e.range)! })),
        })),
      related: finding.related
        ?.filter((r) => r.file || moved(r.range))
        .map((r) => (r.file ? r : { ...r, range: moved(r.range)! })),
      detail: finding.detail && {
        ...finding.detail,
        operands: finding.detail.operands?.map((o) => ({ ...o, steps: o.steps.map((s) => ({ ...s, line: s.line + delta })) })),
      },
    });
  }
  return out;
}

function ownerOf(finding: Finding): string | undefined {
  const { className, functionName } = finding.detail ?? {};
  return functionName ? (className ? `${className}.${functionName}` : functionName) : undefined;
}

/** The row of `parts` nearest to `near` whose text is `line`, if any. */
function nearestSameLine(line: string | undefined, now: string[], near: number, parts: BrokenPart[]): number | undefined {
  if (line === undefined || !line.trim()) return undefined;
  let best: number | undefined;
  for (const part of parts)
    for (let row = part.startLine; row <= Math.min(part.endLine, now.length - 1); row++)
      if (now[row] === line && (best === undefined || Math.abs(row - near) < Math.abs(best - near))) best = row;
  return best;
}

/** A range moved by `delta` rows, when every row it covers reads the same there. */
function moveRange(range: Range, delta: number, before: string[], now: string[]): Range | undefined {
  for (let row = range.start.line; row <= range.end.line; row++)
    if (before[row] === undefined || before[row] !== now[row + delta]) return undefined;
  return {
    start: { line: range.start.line + delta, character: range.start.character },
    end: { line: range.end.line + delta, character: range.end.character },
  };
}
