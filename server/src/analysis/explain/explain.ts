/**
 * Ties each dtype-mismatch error of a log to its line in the workspace: the rules' finding on that
 * call when there is one, else a DG100 finding that explains the crash from the error and the model.
 */
import { callsOnLine, type CallView } from '../dtype/callsOnLine';
import { parseSyntax } from '../pieces';
import type { Finding, Range } from '../types';
import { describeCrash } from './describe';
import { candidatePaths } from './locate';
import type { Frame, LogError } from './traceback';

export interface ExplainContext {
  /** The workspace folders: frames are looked for inside them only. */
  roots: string[];
  /** The text of a file inside the roots (undefined: missing, unreadable, outside, too large). */
  readFile(file: string): string | undefined;
  /** The rules' findings for a file, under the settings a check of it would use. */
  findings(file: string, text: string): Finding[];
}

export interface Explanation {
  error: LogError;
  /** The absolute path of the file the error was tied to. */
  file?: string;
  finding?: Finding;
  /** Why the error could not be tied to a line. */
  reason?: string;
}

interface Located {
  frame: Frame;
  file: string;
  text: string;
  lines: string[];
}

export function explainErrors(errors: LogError[], ctx: ExplainContext): Explanation[] {
  const files = new Map<string, { file: string; text: string; lines: string[] } | undefined>();
  const findings = new Map<string, Finding[]>();
  const findingsOf = (l: Located) => {
    let found = findings.get(l.file);
    if (!found) findings.set(l.file, (found = ctx.findings(l.file, l.text)));
    return found;
  };
  const open = (frame: Frame) => {
    if (!files.has(frame.file)) files.set(frame.file, openFrame(frame.file, ctx));
    return files.get(frame.file);
  };
  const out: Explanation[] = [];
  const byPlace = new Map<string, Explanation>();
  for (const error of errors) {
    const explanation = explainOne(error, open, findingsOf);
    const f = explanation.finding;
    const key = f && `${explanation.file}:${f.range.start.line}:${f.range.start.character}:${f.code}`;
    const same = key && byPlace.get(key);
    if (same) {
      same.error.count += error.count;
      continue;
    }
    if (key) byPlace.set(key, explanation);
    out.push(explanation);
  }
  return out;
}

function explainOne(
  error: LogError,
  open: (frame: Frame) => { file: string; text: string; lines: string[] } | undefined,
  findingsOf: (l: Located) => Finding[],
): Explanation {
  if (!error.frames.length) return { error, reason: 'the log shows no traceback for it' };
  const located: Located[] = [];
  for (let i = error.frames.length - 1; i >= 0; i--) {
    const frame = error.frames[i]!;
    const file = open(frame);
    // A frame whose printed source line differs is another file of the same name (or an older version).
    if (file && frame.line <= file.lines.length && sameCode(frame.code, file.lines[frame.line - 1]!))
      located.push({ frame, ...file });
  }
  const inner = located[0];
  if (!inner) return { error, reason: 'no frame of its traceback is a file of this workspace' };
  const onLine = (l: Located) => findingsOn(findingsOf(l), l);
  // The innermost frame first; an outer frame's finding (a model fed the wrong dtype) is the cause too.
  for (const l of located) {
    const finding = onLine(l);
    if (finding) return { error, file: l.file, finding };
  }
  return { error, file: inner.file, finding: crashFinding(error, inner) };
}

function findingsOn(found: Finding[], l: Located): Finding | undefined {
  const row = l.frame.line - 1;
  const on = found.filter((f) => f.range.start.line <= row && row <= f.range.end.line && f.code.startsWith('DG1'));
  const column = caretColumn(l);
  return (column !== undefined && on.find((f) => covers(f.range, row, column))) || on[0];
}

/** The caret's column in the source line (Python 3.11+), or undefined. */
function caretColumn(l: Located): number | undefined {
  if (l.frame.caret === undefined) return undefined;
  const line = l.lines[l.frame.line - 1] ?? '';
  return line.length - line.trimStart().length + l.frame.caret;
}

function covers(range: Range, row: number, column: number): boolean {
  const afterStart = row > range.start.line || (row === range.start.line && column >= range.start.character);
  const beforeEnd = row < range.end.line || (row === range.end.line && column < range.end.character);
  return afterStart && beforeEnd;
}

function crashFinding(error: LogError, l: Located): Finding {
  const row = l.frame.line - 1;
  const source = l.lines[row] ?? '';
  const indent = source.length - source.trimStart().length;
  const lineRange: Range = { start: { line: row, character: indent }, end: { line: row, character: source.trimEnd().length } };
  let call: CallView | undefined;
  try {
    const calls = callsOnLine(parseSyntax(l.text), row);
    const column = caretColumn(l);
    const onRow = calls.filter((c) => c.range.start.line === row);
    const pool = onRow.length ? onRow : calls;
    // The caret's call, else the innermost call on the line (the one the error came out of).
    call = (column !== undefined && pool.filter((c) => covers(c.range, row, column)).pop()) || pool[pool.length - 1];
  } catch {
    call = undefined;
  }
  return describeCrash(error.mismatch, { range: call?.range ?? lineRange, code: source.trim() }, call);
}

function openFrame(printed: string, ctx: ExplainContext): { file: string; text: string; lines: string[] } | undefined {
  for (const candidate of candidatePaths(printed, ctx.roots)) {
    const text = ctx.readFile(candidate);
    if (text !== undefined) return { file: candidate, text, lines: text.split(/\r\n|\r|\n/) };
  }
  return undefined;
}

function sameCode(printed: string | undefined, source: string): boolean {
  return printed === undefined || printed.trim() === source.trim();
}
