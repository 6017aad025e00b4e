/** Renders findings as concise text lines: `path:line:col: CODE message`. */
import type { FileFindings } from './sarif';
import { displayPath } from './files';

export function toText(results: FileFindings[]): string {
  const lines: string[] = [];
  for (const { file, findings } of results) {
    const shown = displayPath(file);
    for (const f of findings) {
      const fixable = f.fixes.some((x) => x.preferred) ? ' [*]' : '';
      lines.push(`${shown}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.code}${fixable} ${f.message}`);
    }
  }
  return lines.join('\n');
}
