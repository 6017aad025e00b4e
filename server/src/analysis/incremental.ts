/**
 * A source text with its syntax tree kept across edits. The text is parsed in pieces, one per
 * top-level statement (`pieces.ts`); an edit finds again where statements start from the piece
 * before it on, until the starts meet the old ones again, and reparses only the pieces in
 * between. The other pieces keep their syntax nodes (and what the analysis cached by them) and
 * are moved; no wasm tree is kept.
 */
import type { Parser } from 'web-tree-sitter';
import { spans, piecesOf, syntaxOfPieces, type Piece } from './pieces';
import { statementStarts } from './statementStarts';
import { ParseBudget, normalizeLineBreaks, type ParseLimits } from './treeSitter';
import { SourceText, movePiece, type SyntaxNode } from './syntax';
import type { Position } from './types';

/** One replacement in the current text: UTF-16 offsets and the matching line/character positions. */
export interface SourceEdit {
  startOffset: number;
  endOffset: number;
  start: Position;
  end: Position;
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

/**
 * The pieces of a text after replacing `[start, end)` of the old text by `inserted` characters:
 * statement starts are found again from the piece before the edit until one falls on an old
 * start past the edit; the pieces from there on are the old ones, moved. A piece is parsed again
 * only when its text changed (its old syntax is kept when its span is the old one, before the edit).
 */
function editedPieces(old: readonly Piece[], text: string, start: number, end: number, inserted: number): Piece[] {
  const delta = inserted - (end - start);
  const first = pieceBefore(old, start);
  const from = old[first]!.start;
  const insertedEnd = start + inserted;
  // Old pieces after the edit, by where they start in the new text.
  let next = first + 1;
  let meet = -1;
  const starts = statementStarts(text, from, (offset) => {
    if (offset < insertedEnd) return false;
    while (next < old.length && old[next]!.start + delta < offset) next++;
    if (next < old.length && old[next]!.start + delta === offset && old[next]!.start >= end) {
      meet = next;
      return true;
    }
    return false;
  });
  const until = meet >= 0 ? old[meet]!.start + delta : text.length;
  if (meet >= 0) starts.pop();
  const fresh = spans(from, starts, until);
  // The first new piece is the old one when the edit begins after it.
  const kept = old[first]!;
  if (fresh[0]!.end === kept.end && kept.end <= start) fresh[0] = kept;
  const after = meet >= 0 ? old.slice(meet).map((p) => ({ start: p.start + delta, end: p.end + delta, syntax: p.syntax })) : [];
  return [...old.slice(0, first), ...fresh, ...after];
}

export class IncrementalSource {
  /** The pieces of the current text; those an edit changed are not parsed yet. */
  private pieces: Piece[] | undefined;
  /** The syntax tree last made, while no edit came since. */
  private syntax: SyntaxNode | undefined;
  /**
   * The current text with its line starts, shifted at each edit rather than found again in the
   * whole text; only while the text has no `\r` (a lone `\r` also ends a line: then made anew).
   */
  private lines: SourceText | undefined;
  /** The text had no `\r` when its syntax tree was last made, nor has any edit since added one. */
  private noReturns = false;

  /** `parser`: the session's; without one each reparse borrows a parser. */
  constructor(
    private current: string,
    private readonly parser?: Parser,
  ) {}

  get text(): string {
    return this.current;
  }

  /**
   * Applies an edit to the text. `after`: the whole text after it, when the caller has it already
   * (the editor's document): one copy of a long text fewer per keystroke.
   */
  edit(change: SourceEdit, after?: string): void {
    const { startOffset, endOffset, text } = change;
    this.current = after ?? this.current.slice(0, startOffset) + text + this.current.slice(endOffset);
    this.syntax = undefined;
    if (text.includes('\r')) this.noReturns = false;
    const starts = this.noReturns ? this.lines?.knownLineStarts : undefined;
    this.lines = starts && new SourceText(this.current, shiftedLineStarts(starts, startOffset, endOffset, text));
    // With a `\r` in the text, offsets stay but line ends change: the pieces are found anew.
    this.pieces =
      this.pieces && this.noReturns ? editedPieces(this.pieces, this.current, startOffset, endOffset, text.length) : undefined;
  }

  /** Replaces the whole text. */
  replace(text: string): void {
    this.current = text;
    this.lines = undefined;
    this.noReturns = false;
    this.pieces = undefined;
    this.syntax = undefined;
  }

  /**
   * The JS syntax tree of the current text. Statements an edit did not touch keep their nodes, so
   * the analysis can reuse what it found in them. A parse past its limits throws; the pieces it
   * did parse are kept, and a later call goes on from them.
   */
  currentSyntax(limits?: ParseLimits): SyntaxNode {
    if (this.syntax) return this.syntax;
    this.noReturns = !this.current.includes('\r');
    const lines = (this.noReturns && this.lines) || new SourceText(normalizeLineBreaks(this.current));
    this.lines = lines;
    this.pieces ??= piecesOf(lines.text);
    for (const piece of this.pieces) if (piece.syntax) movePiece(piece.syntax, piece.start, lines);
    this.syntax = syntaxOfPieces(this.pieces, lines, new ParseBudget(limits), this.parser);
    return this.syntax;
  }

  /** Drops the syntax tree; the text stays usable. */
  dispose(): void {
    this.pieces = undefined;
    this.syntax = undefined;
    this.lines = undefined;
  }
}
