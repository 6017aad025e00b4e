/**
 * DG000: a file the CLI was given or found but could not check (it cannot be read, or it is a
 * notebook that is not valid). Reported like a finding in every format, so a CI run shows it and
 * fails (exit 1) instead of passing a file over in silence. It is not a rule: it cannot be
 * selected, ignored or suppressed.
 */
import type { ReportedFinding } from './task';

export const NOT_CHECKED_CODE = 'DG000';
export const NOT_CHECKED_NAME = 'file-not-checked';
export const NOT_CHECKED_SUMMARY = 'a file that could not be read, or a notebook that is not valid, was not checked';
export const NOT_CHECKED_URL = 'https://github.com/dtype-guard/dtype-guard/blob/main/docs/DG000.md';

export function notChecked(message: string): ReportedFinding {
  const at = { line: 0, character: 0 };
  return { code: NOT_CHECKED_CODE, severity: 'error', message, range: { start: at, end: at }, fixes: [] };
}
