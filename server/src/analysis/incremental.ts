/**
 * A source text with its syntax tree kept across edits: each edit is replayed on the tree, so the
 * next parse reuses every subtree the edit did not touch (tree-sitter's incremental reparse).
 */
import type { Parser, Tree } from 'web-tree-sitter';
import { normalizeLineBreaks, parse, type ParseLimits } from './parser';
import { toSyntax, type SyntaxNode } from './syntax';
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

export class IncrementalSource {
  private tree: Tree | undefined;
  /** True when the kept tree has edits that the next `currentTree()` must reparse. */
  private stale = false;
  /** The JS syntax tree of the kept tree, and of which tree it was made. */
  private syntax: { root: SyntaxNode; of: Tree } | undefined;
  /** The last syntax tree made: its unchanged statements are moved into the next one. */
  private previous: SyntaxNode | undefined;

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
    const root = toSyntax(tree, normalizeLineBreaks(this.current), this.previous);
    this.syntax = { root, of: tree };
    this.previous = root;
    return root;
  }

  /** Frees the tree's wasm memory; the text stays usable. */
  dispose(): void {
    this.dropTree();
    this.previous = undefined;
  }

  private dropTree(): void {
    this.tree?.delete();
    this.tree = undefined;
    this.stale = false;
    this.syntax = undefined;
  }
}
