/**
 * A text is parsed in pieces: one per top-level statement (`statementStarts.ts`), each parsed on
 * its own and freed at once. A piece's tree depends on its text alone, so an edit reparses only
 * the pieces whose text it changed (`incremental.ts`) and no wasm tree is kept between edits:
 * the parser's wasm memory grows to what the largest statement needs, not to what the whole file
 * does (a wasm memory never shrinks; a 20k-line file's tree took 25 MB of it). On a text that
 * parses cleanly the joined tree is the whole text's tree; a syntax error stays inside its
 * statement's piece, where the parser of the whole text may let it run on into the next ones.
 */
import type { Parser } from 'web-tree-sitter';
import { statementStarts } from './statementStarts';
import { SourceText, joinPieces, pieceSyntax, type SyntaxNode } from './syntax';
import { ParseBudget, newParser, normalizeLineBreaks, parse, type ParseLimits } from './treeSitter';

/** One piece of a text: `[start, end)`, its characters, and its syntax once parsed. */
export interface Piece {
  start: number;
  end: number;
  text: string;
  syntax?: SyntaxNode;
}

/** The pieces of a whole text (line breaks `\n`), none parsed yet. */
export function piecesOf(text: string): Piece[] {
  return spans(text, 0, statementStarts(text), text.length);
}

/**
 * The pieces of `text` from `start` to `end` cut at `starts` (each between the two), placed
 * `shift` further on in the whole text (`text` may be a part of it).
 */
export function spans(text: string, start: number, starts: readonly number[], end: number, shift = 0): Piece[] {
  const pieces: Piece[] = [];
  let from = start;
  for (const at of [...starts, end]) {
    pieces.push({ start: from + shift, end: at + shift, text: text.slice(from, at) });
    from = at;
  }
  return pieces;
}

/** Parses every piece not parsed yet (sharing one budget) and joins them into the text's tree. */
export function syntaxOfPieces(pieces: readonly Piece[], source: SourceText, budget: ParseBudget, parser?: Parser): SyntaxNode {
  const todo = pieces.filter((p) => !p.syntax);
  const borrowed = todo.length && !parser ? newParser() : undefined;
  try {
    for (const piece of todo) {
      const tree = parse(piece.text, budget, parser ?? borrowed);
      try {
        piece.syntax = pieceSyntax(tree, source, piece.start, piece.text);
      } finally {
        tree.delete();
      }
    }
  } finally {
    borrowed?.delete();
  }
  return joinPieces(
    pieces.map((p) => p.syntax!),
    source,
  );
}

/** Parses a text into the JS syntax tree the rules walk (with `parser`, else a borrowed one per piece). */
export function parseSyntax(text: string, limits?: ParseLimits, parser?: Parser): SyntaxNode {
  const normalized = normalizeLineBreaks(text);
  return syntaxOfPieces(piecesOf(normalized), new SourceText(normalized), new ParseBudget(limits), parser);
}
