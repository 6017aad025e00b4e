/** Applies text edits given in line/UTF-16 positions to a source text. */
import type { Fix, Position, TextEdit } from './types';

/** Offsets of each line start, for turning positions into string indexes. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function offsetAt(starts: number[], text: string, pos: Position): number {
  const lineStart = starts[Math.min(pos.line, starts.length - 1)] ?? 0;
  return Math.min(lineStart + pos.character, text.length);
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
