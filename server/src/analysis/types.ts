/** Plain data types of the analysis core: findings, fixes and positions (no LSP types here). */

/** A position in a document: 0-based line and UTF-16 code unit, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix a user is told to write; applied by `--fix` and offered first. */
  preferred: boolean;
  /** Safe fixes never change behaviour outside the dtype of the operands; fix-all applies them. */
  safe: boolean;
  /** Offered in the editor only (a debugging aid): never applied by fix-all or `--fix`, safe or not. */
  displayOnly?: boolean;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Related {
  /** Absolute path of another file; absent means the same file. */
  file?: string;
  range: Range;
  message: string;
}

/** The provenance behind a finding, shown in full by the hover. */
export interface FindingDetail {
  /** The regime named in the message. */
  regime?: string;
  /** Every regime under which the call breaks: 'half', 'mmcv-fp16', 'autocast'. */
  regimes?: string[];
  /** The class and function that contain the flagged call, for cross-file links. */
  className?: string;
  functionName?: string;
  /** Each operand: its role at the call, its source text when that is not just the role, its dtype, how it got it. */
  operands?: { role: string; text?: string; dtype: string; steps: { line: number; text: string }[] }[];
  notes?: string[];
}

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  related?: Related[];
  detail?: FindingDetail;
}
