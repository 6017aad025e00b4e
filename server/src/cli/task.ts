/** The unit of work of a CLI run (one file) and its outcome; plain data, so it can cross to a worker thread. */
import type { Finding, Severity } from '../analysis/index';

export interface FileTask {
  /** The path as discovered (relative to the working directory, or as given). */
  file: string;
  select: string[];
  ignore: string[];
  severity: Record<string, Severity | 'off'>;
  maxFileSize: number;
  /** Apply fixes: write them to the file (or, for stdin, return the fixed text). */
  fix: boolean;
  /** Compute the diff of the fixes without writing anything. */
  diff: boolean;
  unsafeFixes: boolean;
  /** The file's text when it comes from stdin rather than from disk. */
  stdin?: Uint8Array;
}

export interface FileResult {
  file: string;
  /** Findings left after any fixes, in document order. */
  findings: Finding[];
  /** How many fixes were applied (or would be, with --diff). */
  fixed: number;
  /** Unified diff of the fixes (--diff). */
  diff?: string;
  /** The fixed text (stdin with --fix). */
  output?: string;
  /** Why the file was passed over (binary, too large, not UTF-8, not a regular file). */
  skipped?: string;
  /** Why the file could not be read or written. */
  error?: string;
  /** Whether the file was parsed (false when the prefilter skipped it). */
  parsed: boolean;
}
