/**
 * Renders findings as a JSON array: one object per finding, 1-based lines and columns (UTF-16
 * units). In a notebook, `cell` is the 1-based position of the cell among all the notebook's cells
 * and the lines count from the top of that cell.
 */
import { ruleByCode, ruleDocUrl, type Range, type TextEdit } from '../analysis/index';
import { displayPath } from './files';
import { NOT_CHECKED_CODE, NOT_CHECKED_NAME, NOT_CHECKED_URL } from './not-checked';
import type { FileFindings } from './sarif';

const cellOf = (cell: number | undefined) => (cell === undefined ? {} : { cell });
const nameOf = (code: string) => (code === NOT_CHECKED_CODE ? NOT_CHECKED_NAME : ruleByCode(code)?.name);
const urlOf = (code: string) => (code === NOT_CHECKED_CODE ? NOT_CHECKED_URL : ruleDocUrl(code));

interface JsonLocation {
  line: number;
  column: number;
}

const place = (range: Range): { location: JsonLocation; endLocation: JsonLocation } => ({
  location: { line: range.start.line + 1, column: range.start.character + 1 },
  endLocation: { line: range.end.line + 1, column: range.end.character + 1 },
});

const edit = (e: TextEdit & { cell?: number }) => ({ ...cellOf(e.cell), ...place(e.range), content: e.newText });

export function toJson(results: FileFindings[]): string {
  const out = results.flatMap(({ file, findings }) =>
    findings.map((f) => ({
      file: displayPath(file),
      code: f.code,
      name: nameOf(f.code),
      severity: f.severity,
      message: f.message,
      url: urlOf(f.code),
      ...cellOf(f.cell),
      ...place(f.range),
      fixes: f.fixes.map((fix) => ({ title: fix.title, preferred: fix.preferred, safe: fix.safe, edits: fix.edits.map(edit) })),
      related: (f.related ?? []).map((r) => ({
        file: r.file ? displayPath(r.file) : displayPath(file),
        ...cellOf(r.cell),
        ...place(r.range),
        message: r.message,
      })),
    })),
  );
  return JSON.stringify(out, null, 2);
}
