/** The unit of work of a CLI run (one file) and its outcome; plain data, so it can cross to a worker thread. */
import type { Finding, Fix, Related, Severity, TextEdit } from '../analysis/index';

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
  /** The only folders config resolution may read (besides the Python environments found in them). */
  roots: string[];
  /** Extra glob patterns of OpenMMLab config files (pyproject `config-globs`). */
  configGlobs: string[];
  /** The file's text when it comes from stdin rather than from disk. */
  stdin?: Uint8Array;
}

/** In a notebook, the cell a position is in: its 1-based position among all the notebook's cells. */
interface InCell {
  cell?: number;
}

/** A finding as reported: in a notebook its range, edits and related places are within their cell. */
export interface ReportedFinding extends Omit<Finding, 'fixes' | 'related'>, InCell {
  fixes: (Omit<Fix, 'edits'> & { edits: (TextEdit & InCell)[] })[];
  related?: (Related & InCell)[];
}

export interface FileResult {
  file: string;
  /** Findings left after any fixes, in document order; a file that could not be checked has one DG000 finding. */
  findings: ReportedFinding[];
  /** How many fixes were applied (or would be, with --diff). */
  fixed: number;
  /** Unified diff of the fixes (--diff). */
  diff?: string;
  /** The fixed text (stdin with --fix). */
  output?: string;
  /** Why the file was passed over (binary, too large, not UTF-8, not a regular file). */
  skipped?: string;
  /** Why the run failed on this file: the fixes could not be written, or an internal error (exit 2). */
  error?: string;
  /** Whether the file was parsed (false when the prefilter skipped it). */
  parsed: boolean;
}
