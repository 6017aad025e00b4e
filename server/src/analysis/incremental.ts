/**
 * A source text with its syntax tree kept across edits: each edit is replayed on the tree, so the
 * next parse reuses every subtree the edit did not touch (tree-sitter's incremental reparse).
 */
import type { Tree } from 'web-tree-sitter';
import { parse, type ParseLimits } from './parser';
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

  constructor(private current: string) {}

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
    const next = parse(this.current, this.tree, limits);
    this.dropTree();
    this.tree = next;
    return next;
  }

  /** Frees the tree's wasm memory; the text stays usable. */
  dispose(): void {
    this.dropTree();
  }

  private dropTree(): void {
    this.tree?.delete();
    this.tree = undefined;
    this.stale = false;
  }
}
