/**
 * Renders findings as concise text lines, `path:line:col: CODE [*] message` (in a notebook
 * `path:cell N:line:col: ...`), and the summary line.
 */
import { displayPath } from './files';
import type { FileFindings } from './sarif';
import type { ReportedFinding } from './task';

/** `path:line:col`, or `path:cell N:line:col` in a notebook (lines counted in the cell). */
export function placeOf(shown: string, f: ReportedFinding): string {
  const cell = f.cell === undefined ? '' : `cell ${f.cell}:`;
  return `${shown}:${cell}${f.range.start.line + 1}:${f.range.start.character + 1}`;
}

/** Whether a finding has a fix `--fix` applies ([*] in the text output). */
export function isFixable(finding: Pick<ReportedFinding, 'fixes'>, unsafeFixes = false): boolean {
  return finding.fixes.some((f) => f.preferred && (f.safe || unsafeFixes));
}

export function toText(results: FileFindings[], unsafeFixes = false): string {
  const lines: string[] = [];
  for (const { file, findings } of results) {
    const shown = displayPath(file);
    for (const f of findings) {
      const mark = isFixable(f, unsafeFixes) ? ' [*]' : '';
      lines.push(`${placeOf(shown, f)}: ${f.code}${mark} ${f.message}`);
    }
  }
  return lines.join('\n');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "3 findings (2 fixable with --fix)", "No findings", and what --fix did. */
export function summary(findings: number, fixable: number, fixed: number): string {
  const lines: string[] = [];
  if (fixed) lines.push(`Fixed ${plural(fixed, 'finding')}.`);
  if (!findings) lines.push(fixed ? 'No findings left.' : 'No findings.');
  else lines.push(`${plural(findings, 'finding')}${fixable ? ` (${fixable} fixable with --fix)` : ''}`);
  return lines.join('\n');
}
