/**
 * A source text with its syntax tree kept across edits. The text is parsed in pieces, one per
 * top-level statement (`pieces.ts`); an edit finds again where statements start from the piece
 * before it on, until the starts meet the old ones again, and reparses only the pieces in
 * between. The other pieces keep their text, their syntax nodes (and what the analysis cached by
 * them) and are moved; no wasm tree is kept.
 */
import type { Parser } from 'web-tree-sitter';
import { spans, piecesOf, syntaxOfPieces, type Piece } from './pieces';
import { statementStarts } from './statementStarts';
import { ParseBudget, normalizeLineBreaks, type ParseLimits } from './treeSitter';
import { SourceText, movePiece, type SyntaxNode } from './syntax';

/** One replacement in the current text, by UTF-16 offsets. */
export interface SourceEdit {
  startOffset: number;
  endOffset: number;
  text: string;
}

/**
 * The line starts after replacing `[start, end)` of a text by `text` (all breaks `\n`): the lines
 * before are kept, the inserted breaks added, the lines after moved. A copy: the old array may
 * still serve the text it was made for.
 */
function shiftedLineStarts(starts: Uint32Array, start: number, end: number, text: string): Uint32Array {
  // the first line starting after `start`, and the first starting after `end`
  const after = (offset: number) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const from = after(start);
  const to = after(end);
  const inserted: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) inserted.push(start + i + 1);
  const out = new Uint32Array(from + inserted.length + starts.length - to);
  out.set(starts.subarray(0, from));
  out.set(inserted, from);
  const delta = text.length - (end - start);
  for (let i = to, j = from + inserted.length; i < starts.length; i++, j++) out[j] = starts[i]! + delta;
  return out;
}

/** The index of the last piece starting before `offset` (0 when none does). */
function pieceBefore(pieces: readonly Piece[], offset: number): number {
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pieces[mid]!.start < offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The index of the last piece starting at or before `offset` (0 when none does). */
function pieceAt(pieces: readonly Piece[], offset: number): number {
  return pieceBefore(pieces, offset + 1);
}

/** A `\r` that no `\n` follows: a line break for the editor and the parser, not for the statement scan. */
const LONE_RETURN = /\r(?!\n)/;

/**
 * The pieces of a text after replacing `[start, end)` of the old text by `inserted` characters.
 * `region` is the new text of the old pieces `first` to `last` (those the edit touches, the piece
 * before it included). Statement starts are found again from the start of `first` on, in the
 * region and as many old pieces after it as it takes for a start to fall on an old one past the
 * edit; the pieces from there on are the old ones, moved. Only the text scanned is read, never
 * the whole text (unless the scan runs to its end).
 */
function editedPieces(
  old: readonly Piece[],
  first: number,
  last: number,
  region: string,
  start: number,
  end: number,
  inserted: number,
): Piece[] {
  const delta = inserted - (end - start);
  const from = old[first]!.start;
  const insertedEnd = start + inserted;
  let scanned = region;
  let upto = last + 1;
  let meet = -1;
  let starts: number[] = [];
  // At least the piece after the region is scanned: whether its first line still starts a
  // statement depends on that line. Each round scans twice as many old pieces as the last.
  for (let more = 1; ; more *= 2) {
    const parts = [scanned];
    for (const stop = Math.min(old.length, upto + more); upto < stop; upto++) parts.push(old[upto]!.text);
    scanned = parts.join('');
    let next = last;
    starts = statementStarts(
      scanned,
      0,
      (local) => {
        const offset = local + from;
        if (offset < insertedEnd) return false;
        while (next < old.length && old[next]!.start + delta < offset) next++;
        if (next < old.length && old[next]!.start + delta === offset && old[next]!.start >= end) {
          meet = next;
          return true;
        }
        return false;
      },
      first > 0,
    );
    if (meet >= 0 || upto >= old.length) break;
  }
  const until = meet >= 0 ? old[meet]!.start + delta - from : scanned.length;
  if (meet >= 0) starts.pop();
  const fresh = spans(scanned, 0, starts, until, from);
  // The first new piece is the old one when the edit begins after it.
  const kept = old[first]!;
  if (fresh[0]!.end === kept.end && kept.end <= start) fresh[0] = kept;
  const after = meet >= 0 ? old.slice(meet).map((p) => ({ ...p, start: p.start + delta, end: p.end + delta })) : [];
  return [...old.slice(0, first), ...fresh, ...after];
}

/**
 * A source text with its syntax tree kept across edits. The text itself is kept in its pieces: an
 * edit makes the new text of the pieces it touches and leaves the others as they are, so a
 * keystroke in a long file copies a statement, not the file; the whole string is joined only when
 * something asks for it (`text`).
 */
export class IncrementalSource {
  /** The text in pieces, those an edit changed not parsed yet; absent while the text has a lone `\r`. */
  private pieces: Piece[] | undefined;
  /** The whole text: always while it has a lone `\r` (then it is parsed whole at each version), else once joined. */
  private whole: string | undefined;
  /** Where lines start (`\n`, `\r\n` and a lone `\r` end one), shifted at each edit while there are pieces. */
  private starts: Uint32Array | undefined;
  /** The current version of the text, for the syntax tree and the analysis, once made. */
  private source: SourceText | undefined;
  /** The syntax tree last made, while no edit came since. */
  private syntax: SyntaxNode | undefined;

  /** `parser`: the session's; without one each reparse borrows a parser. */
  constructor(
    text: string,
    private readonly parser?: Parser,
  ) {
    this.reset(text);
  }

  /** The whole text (joined from the pieces once per version, when asked). */
  get text(): string {
    return (this.whole ??= this.pieces!.map((p) => p.text).join(''));
  }

  get length(): number {
    return this.pieces ? this.pieces.at(-1)!.end : this.whole!.length;
  }

  /** Where each line starts, as the editor counts lines. */
  get lineStarts(): Uint32Array {
    return (this.starts ??= this.current().lineStarts);
  }

  /** The character at `offset` (NaN outside the text), read without joining the text. */
  charCodeAt(offset: number): number {
    if (!this.pieces) return this.whole!.charCodeAt(offset);
    const piece = this.pieces[pieceAt(this.pieces, offset)]!;
    return piece.text.charCodeAt(offset - piece.start);
  }

  /**
   * The current version of the text: stays as it is when the source is edited later. Its line
   * breaks are `\n` (a lone `\r` becomes one, at the same offset), as the parser reads them.
   */
  current(): SourceText {
    if (this.source) return this.source;
    if (this.pieces) return (this.source = new SourceText(this.pieces, this.starts));
    return (this.source = new SourceText(normalizeLineBreaks(this.whole!)));
  }

  /** Applies an edit to the text. */
  edit(change: SourceEdit): void {
    const { startOffset, endOffset, text } = change;
    const known = this.starts ?? this.source?.knownLineStarts;
    this.syntax = undefined;
    this.source = undefined;
    const pieces = this.pieces;
    if (!pieces) {
      this.reset(this.whole!.slice(0, startOffset) + text + this.whole!.slice(endOffset));
      return;
    }
    const first = pieceBefore(pieces, startOffset);
    const last = pieceAt(pieces, endOffset);
    const head = pieces[first]!;
    const tail = pieces[last]!;
    const region = head.text.slice(0, startOffset - head.start) + text + tail.text.slice(endOffset - tail.start);
    // The region holds the characters on both sides of the edit (but at the ends of the text), so
    // a lone `\r` the edit makes is in it.
    if (LONE_RETURN.test(region)) {
      this.reset(this.text.slice(0, startOffset) + text + this.text.slice(endOffset));
      return;
    }
    this.starts = known && shiftedLineStarts(known, startOffset, endOffset, text);
    this.pieces = editedPieces(pieces, first, last, region, startOffset, endOffset, text.length);
    this.whole = undefined;
  }

  /** Replaces the whole text. */
  replace(text: string): void {
    this.reset(text);
  }

  private reset(text: string): void {
    this.whole = text;
    this.pieces = LONE_RETURN.test(text) ? undefined : piecesOf(text);
    this.starts = undefined;
    this.source = undefined;
    this.syntax = undefined;
  }

  /**
   * The JS syntax tree of the current text. Statements an edit did not touch keep their nodes, so
   * the analysis can reuse what it found in them. A parse past its limits throws; the pieces it
   * did parse are kept, and a later call goes on from them.
   */
  currentSyntax(limits?: ParseLimits): SyntaxNode {
    if (this.syntax) return this.syntax;
    const source = this.current();
    // With a lone `\r` the text is parsed whole at each version, in pieces of the `\n` text.
    const pieces = this.pieces ?? piecesOf(source.text);
    for (const piece of pieces) if (piece.syntax) movePiece(piece.syntax, piece.start, source);
    this.syntax = syntaxOfPieces(pieces, source, new ParseBudget(limits), this.parser);
    return this.syntax;
  }

  /** Drops the syntax tree; the text stays usable. */
  dispose(): void {
    this.pieces = this.pieces?.map(({ start, end, text }) => ({ start, end, text }));
    this.syntax = undefined;
    this.source = undefined;
  }
}
