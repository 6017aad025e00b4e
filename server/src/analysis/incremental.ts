/**
 * A source text with its syntax tree kept across edits: each edit is replayed on the tree, so the
 * next parse reuses every subtree the edit did not touch (tree-sitter's incremental reparse).
 */
import type { Parser, Tree } from 'web-tree-sitter';
import { normalizeLineBreaks, parse, type ParseLimits } from './treeSitter';
import { SourceText, toSyntax, type SyntaxNode } from './syntax';
import type { Position } from './types';

/** One replacement in the current text: UTF-16 offsets and the matching line/character positions. */
export interface SourceEdit {
  startOffset: number;
  endOffset: number;
  start: Position;
  end: Position;
  text: string;
}

/** Where a cursor at `start` ends up after typing `text` (rows count `\n`, columns UTF-16 units). */
function endAfter(start: Position, text: string): Position {
  const lastBreak = text.lastIndexOf('\n');
  if (lastBreak < 0) return { line: start.line, character: start.character + text.length };
  let breaks = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) breaks++;
  return { line: start.line + breaks, character: text.length - lastBreak - 1 };
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

export class IncrementalSource {
  private tree: Tree | undefined;
  /** True when the kept tree has edits that the next `currentTree()` must reparse. */
  private stale = false;
  /** The JS syntax tree of the kept tree, and of which tree it was made. */
  private syntax: { root: SyntaxNode; of: Tree } | undefined;
  /** The last syntax tree made: its unchanged statements are moved into the next one. */
  private previous: SyntaxNode | undefined;
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

  /** Applies an edit to the text and, when a tree is kept, records it on the tree. */
  edit(change: SourceEdit): void {
    const { startOffset, endOffset, start, end, text } = change;
    this.current = this.current.slice(0, startOffset) + text + this.current.slice(endOffset);
    if (text.includes('\r')) this.noReturns = false;
    const starts = this.noReturns ? this.lines?.knownLineStarts : undefined;
    this.lines = starts && new SourceText(this.current, shiftedLineStarts(starts, startOffset, endOffset, text));
    if (!this.tree) return;
    const newEnd = endAfter(start, text);
    this.tree.edit({
      startIndex: startOffset,
      oldEndIndex: endOffset,
      newEndIndex: startOffset + text.length,
      startPosition: { row: start.line, column: start.character },
      oldEndPosition: { row: end.line, column: end.character },
      newEndPosition: { row: newEnd.line, column: newEnd.character },
    });
    this.stale = true;
  }

  /** Replaces the whole text: the kept tree cannot help, so it is dropped. */
  replace(text: string): void {
    this.current = text;
    this.lines = undefined;
    this.noReturns = false;
    this.dropTree();
  }

  /** The tree of the current text, reparsed incrementally when edits arrived since the last call. */
  currentTree(limits?: ParseLimits): Tree {
    if (this.tree && !this.stale) return this.tree;
    // A parse past its limits throws and keeps the edited old tree, so a later call can retry.
    const next = parse(this.current, this.tree, limits, this.parser);
    this.dropTree();
    this.tree = next;
    return next;
  }

  /**
   * The JS syntax tree of the current text. Top-level statements an edit did not touch keep their
   * nodes, so the analysis can reuse what it found in them.
   */
  currentSyntax(limits?: ParseLimits): SyntaxNode {
    const tree = this.currentTree(limits);
    if (this.syntax?.of === tree) return this.syntax.root;
    // The parse has flattened the text: a search of it for `\r` is cheap now.
    this.noReturns = !this.current.includes('\r');
    const lines = (this.noReturns && this.lines) || new SourceText(normalizeLineBreaks(this.current));
    const root = toSyntax(tree, lines, this.previous);
    this.lines = lines;
    this.syntax = { root, of: tree };
    this.previous = root;
    return root;
  }

  /** Frees the tree's wasm memory; the text stays usable. */
  dispose(): void {
    this.dropTree();
    this.previous = undefined;
    this.lines = undefined;
  }

  private dropTree(): void {
    this.tree?.delete();
    this.tree = undefined;
    this.stale = false;
    this.syntax = undefined;
  }
}
