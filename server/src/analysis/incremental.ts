/** A document's text and syntax tree kept across edits: edits move the old tree, reparses reuse it. */
import type { Tree } from 'web-tree-sitter';
import { analyzeTree, type AnalyzeOptions } from './analyze';
import { lineStarts, offsetAt } from './edits';
import { parse, type ParseLimits } from './parser';
import type { Finding, Range } from './types';

/** One content change as editors send it: a replaced range, or the whole text when range is absent. */
export interface TextChange {
  range?: Range;
  text: string;
}

type Point = { row: number; column: number };

/** The point (row, UTF-16 column) of a string index, given the text's LSP line starts. */
function pointAt(starts: number[], index: number): Point {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= index) lo = mid;
    else hi = mid - 1;
  }
  return { row: lo, column: index - starts[lo]! };
}

/** The point reached by writing `text` at `from`; `following` is the first character after it. */
function advance(from: Point, text: string, following: string): Point {
  let { row, column } = from;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = i + 1 < text.length ? text[i + 1] : following;
    if (c === '\n' || (c === '\r' && next !== '\n')) {
      row++;
      column = 0;
    } else column++;
  }
  return { row, column };
}

export class DocumentTree {
  private tree: Tree | undefined;
  /** Whether the tree must be reparsed before it matches the text. */
  private stale = true;

  constructor(
    private source: string,
    private readonly limits: ParseLimits = {},
  ) {}

  get text(): string {
    return this.source;
  }

  /** Applies one change to the text and, when a tree exists, tells the tree what moved. */
  applyChange(change: TextChange): void {
    if (!change.range) {
      this.source = change.text;
      this.dispose();
      return;
    }
    const starts = lineStarts(this.source);
    let start = offsetAt(starts, this.source, change.range.start);
    const end = Math.max(start, offsetAt(starts, this.source, change.range.end));
    const next = this.source.slice(0, start) + change.text + this.source.slice(end);
    if (this.tree) {
      // Tree rows count a lone `\r` as a break but not the `\r` of `\r\n`: an edit right after a
      // `\r` may pair it with a `\n` or split the pair, so the edit starts at that `\r`.
      let inserted = change.text;
      if (start > 0 && this.source[start - 1] === '\r') {
        start--;
        inserted = '\r' + inserted;
      }
      const startPosition = pointAt(starts, start);
      this.tree.edit({
        startIndex: start,
        oldEndIndex: end,
        newEndIndex: start + inserted.length,
        startPosition,
        oldEndPosition: pointAt(starts, end),
        newEndPosition: advance(startPosition, inserted, this.source[end] ?? ''),
      });
    }
    this.source = next;
    this.stale = true;
  }

  /** The tree of the current text, reparsed incrementally if edits came since the last parse. */
  current(): Tree {
    if (this.tree && !this.stale) return this.tree;
    const next = parse(this.source, this.tree, this.limits);
    this.tree?.delete();
    this.tree = next;
    this.stale = false;
    return next;
  }

  analyze(options: AnalyzeOptions = {}): Finding[] {
    return analyzeTree(this.source, this.current(), options);
  }

  /** Frees the wasm memory of the tree; the document can still be used (it reparses from scratch). */
  dispose(): void {
    this.tree?.delete();
    this.tree = undefined;
    this.stale = true;
  }
}
