/**
 * The open documents' text as the LSP text document API reads it, over their sources
 * (incremental.ts), which keep the text in pieces: applying a change copies the statements it
 * touches, where the LSP library's document copies the whole text at each change.
 */
import type { IncrementalSource } from './incremental';
import type { Position, Range } from './types';

const CR = 0x0d;
const LF = 0x0a;

/**
 * An open document as the LSP text document API has it (positions in UTF-16 code units, lines ended
 * by `\n`, `\r\n` or a lone `\r`, out-of-range positions clamped), read from its source.
 */
export class EditorDocument {
  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    readonly source: IncrementalSource,
  ) {}

  /** The whole text, or the text of a range. */
  getText(range?: Range): string {
    const text = this.source.text;
    // `substring`: a reversed range reads the text between its ends, as the LSP document's does
    return range ? text.substring(this.offsetAt(range.start), this.offsetAt(range.end)) : text;
  }

  get lineCount(): number {
    return this.source.lineStarts.length;
  }

  offsetAt(position: Position): number {
    const starts = this.source.lineStarts;
    const length = this.source.length;
    if (position.line >= starts.length) return length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line]!;
    if (position.character <= 0) return lineStart;
    const nextLine = position.line + 1 < starts.length ? starts[position.line + 1]! : length;
    return this.beforeLineBreak(Math.min(lineStart + position.character, nextLine), lineStart);
  }

  positionAt(offset: number): Position {
    const at = Math.max(Math.min(offset, this.source.length), 0);
    const starts = this.source.lineStarts;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! > at) hi = mid;
      else lo = mid + 1;
    }
    const line = lo - 1;
    return { line, character: this.beforeLineBreak(at, starts[line]!) - starts[line]! };
  }

  /** An offset inside a line's break moved back to its end. */
  private beforeLineBreak(offset: number, lineStart: number): number {
    let at = offset;
    while (at > lineStart) {
      const c = this.source.charCodeAt(at - 1);
      if (c !== CR && c !== LF) break;
      at--;
    }
    return at;
  }
}

/** A change as the editor sends it: the whole new text, or a range of the text and what replaces it. */
export type ContentChange = { text: string } | { range: Range; text: string };

/**
 * Changes apply one at a time: each range refers to the text left by the previous change. A range
 * whose end comes before its start is taken the other way round, as the LSP text document does.
 */
export function applyChange(document: EditorDocument, change: ContentChange): void {
  const source = document.source;
  if (!('range' in change)) {
    source.replace(change.text);
    return;
  }
  const { start, end } = change.range;
  const reversed = start.line > end.line || (start.line === end.line && start.character > end.character);
  const from = document.offsetAt(reversed ? end : start);
  const to = document.offsetAt(reversed ? start : end);
  source.edit({ startOffset: from, endOffset: to, text: change.text });
}
