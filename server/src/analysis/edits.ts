/** Applies text edits given in line/UTF-16 positions to a source text. */
import type { Fix, Position, TextEdit } from './types';

/** Offsets of each line start; like LSP, `\r\n`, `\r` and `\n` each end a line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

/**
 * The string index of a position. As LSP specifies, a line past the end means the end of the
 * text and a character past the end of its line means the end of that line (before its break),
 * so a stale or hostile position never reaches into the next line.
 */
export function offsetAt(starts: number[], text: string, pos: Position): number {
  if (pos.line >= starts.length) return text.length;
  const line = Math.max(0, pos.line);
  const lineStart = starts[line]!;
  let lineEnd = line + 1 < starts.length ? starts[line + 1]! : text.length;
  while (lineEnd > lineStart && (text.charCodeAt(lineEnd - 1) === 10 || text.charCodeAt(lineEnd - 1) === 13)) lineEnd--;
  return Math.min(lineStart + Math.max(0, pos.character), lineEnd);
}

/** Applies non-overlapping edits; overlapping ones are dropped (the first in document order wins). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const starts = lineStarts(text);
  const spans = edits
    .map((e) => ({ start: offsetAt(starts, text, e.range.start), end: offsetAt(starts, text, e.range.end), text: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) continue;
    out += text.slice(cursor, span.start) + span.text;
    cursor = span.end;
  }
  return out + text.slice(cursor);
}

/** Chooses fixes whose edits do not overlap each other, in the order given. */
export function nonOverlapping(fixes: Fix[], text: string): Fix[] {
  const starts = lineStarts(text);
  const taken: [number, number][] = [];
  const chosen: Fix[] = [];
  for (const fix of fixes) {
    const spans = fix.edits.map(
      (e) => [offsetAt(starts, text, e.range.start), offsetAt(starts, text, e.range.end)] as [number, number],
    );
    const clash = spans.some(([s, e]) => taken.some(([ts, te]) => (s < te && ts < e) || (s === e && s === ts && ts === te)));
    if (clash) continue;
    taken.push(...spans);
    chosen.push(fix);
  }
  return chosen;
}
