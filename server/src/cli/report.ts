/** Writes the results of a run in the chosen format: findings to stdout, or the diff, or the fixed stdin text. */
import { toGithub } from './github';
import { toJson } from './json';
import { NOT_CHECKED_CODE } from './not-checked';
import { toSarif, type FileFindings } from './sarif';
import type { FileResult } from './task';
import { isFixable, summary, toText } from './text';

export type Format = 'text' | 'json' | 'sarif' | 'github';

declare const DTYPE_GUARD_VERSION: string | undefined;
export const VERSION = typeof DTYPE_GUARD_VERSION === 'string' ? DTYPE_GUARD_VERSION : '0.0.0';

export interface ReportOptions {
  format: Format;
  diff?: boolean;
  fix?: boolean;
  quiet?: boolean;
  unsafeFixes?: boolean;
}

/** What decides the exit code: findings left, or (with --diff) fixes to show. */
export interface Outcome {
  problems: number;
}

function render(format: Format, results: FileFindings[], unsafeFixes: boolean): string {
  switch (format) {
    case 'json':
      return toJson(results);
    case 'sarif':
      return JSON.stringify(toSarif(results, VERSION), null, 2);
    case 'github':
      return toGithub(results);
    default:
      return toText(results, unsafeFixes);
  }
}

export function report(results: FileResult[], options: ReportOptions, fromStdin: boolean): Outcome {
  const withFindings: FileFindings[] = results
    .filter((r) => r.findings.length)
    .map((r) => ({ file: r.file, findings: r.findings }));
  const count = withFindings.reduce((n, r) => n + r.findings.length, 0);
  const fixable = withFindings.reduce((n, r) => n + r.findings.filter((f) => isFixable(f, options.unsafeFixes)).length, 0);
  const fixed = results.reduce((n, r) => n + r.fixed, 0);

  if (options.diff) {
    const diffs = results.map((r) => r.diff ?? '').join('');
    process.stdout.write(diffs);
    // stdout is the patch: files that could not be checked are named on stderr, and fail the run.
    const notCheckedFiles = withFindings.filter((r) => r.findings.some((f) => f.code === NOT_CHECKED_CODE));
    const notCheckedText = toText(
      notCheckedFiles.map((r) => ({ ...r, findings: r.findings.filter((f) => f.code === NOT_CHECKED_CODE) })),
    );
    if (notCheckedText) process.stderr.write(notCheckedText + '\n');
    if (!options.quiet)
      process.stderr.write(fixed ? `Would fix ${fixed} finding${fixed === 1 ? '' : 's'}.\n` : 'No fixes available.\n');
    return { problems: fixed + notCheckedFiles.length };
  }

  // stdin with --fix: stdout is the fixed file, so the findings go to stderr.
  const out = fromStdin && options.fix ? process.stderr : process.stdout;
  if (fromStdin && options.fix) process.stdout.write(results[0]?.output ?? '');
  const body = render(options.format, withFindings, !!options.unsafeFixes);
  if (options.format === 'json' || options.format === 'sarif') out.write(body + '\n');
  else if (body) out.write(body + '\n');
  if (options.format === 'text' && !options.quiet) out.write(summary(count, fixable, options.fix ? fixed : 0) + '\n');
  return { problems: count };
}
