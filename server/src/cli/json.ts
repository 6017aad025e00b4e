/** Renders findings as a JSON array: one object per finding, 1-based lines and columns (UTF-16 units). */
import { ruleByCode, ruleDocUrl, type Range, type TextEdit } from '../analysis/index';
import { displayPath } from './files';
import type { FileFindings } from './sarif';

interface JsonLocation {
  line: number;
  column: number;
}

const place = (range: Range): { location: JsonLocation; endLocation: JsonLocation } => ({
  location: { line: range.start.line + 1, column: range.start.character + 1 },
  endLocation: { line: range.end.line + 1, column: range.end.character + 1 },
});

const edit = (e: TextEdit) => ({ ...place(e.range), content: e.newText });

export function toJson(results: FileFindings[]): string {
  const out = results.flatMap(({ file, findings }) =>
    findings.map((f) => ({
      file: displayPath(file),
      code: f.code,
      name: ruleByCode(f.code)?.name,
      severity: f.severity,
      message: f.message,
      url: ruleDocUrl(f.code),
      ...place(f.range),
      fixes: f.fixes.map((fix) => ({ title: fix.title, preferred: fix.preferred, safe: fix.safe, edits: fix.edits.map(edit) })),
      related: (f.related ?? []).map((r) => ({
        file: r.file ? displayPath(r.file) : displayPath(file),
        ...place(r.range),
        message: r.message,
      })),
    })),
  );
  return JSON.stringify(out, null, 2);
}
