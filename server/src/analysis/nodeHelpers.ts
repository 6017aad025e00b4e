/** Small helpers over tree-sitter nodes: ranges in UTF-16 positions, call parts, walks. */
import { pieceShift, pieceText, type SyntaxNode as Node } from './syntax';
import type { Position, Range } from './types';

export function positionOf(p: { row: number; column: number }): Position {
  return { line: p.row, character: p.column };
}

export function rangeOf(node: Node): Range {
  return { start: positionOf(node.startPosition), end: positionOf(node.endPosition) };
}

/** The dotted name of a call's function (`torch.nn.functional.conv2d`), or undefined. */
export function dottedName(node: Node | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const object = dottedName(node.childForFieldName('object'));
    const attr = node.childForFieldName('attribute');
    return object && attr ? `${object}.${attr.text}` : undefined;
  }
  return undefined;
}

/** Whether the node's text starts with `prefix`, read in place rather than sliced out. */
export function textStartsWith(node: Node, prefix: string): boolean {
  return (
    node.endIndex - node.startIndex >= prefix.length && pieceText(node).startsWith(prefix, node.startIndex - pieceShift(node))
  );
}

/**
 * Offsets of whole words in the text of a piece, by word and by the piece's anchor: each word is
 * searched once per piece, and a piece an edit did not touch keeps its offsets (they count from
 * the piece's start, which an edit before it moves).
 */
const wordOffsets = new WeakMap<object, Map<string, number[]>>();

/**
 * Whether `word` (letters, digits, `_`) occurs as a whole word in the node's text. A keyword of the
 * code is always a whole word, so without it no node of that keyword is below this one (barring
 * nodes the parser made up to recover from an error: check `hasError` first).
 */
export function containsWord(node: Node, word: string): boolean {
  const anchor = node.anchor;
  const text = anchor.text;
  // A root joined from pieces: its statements are in the pieces (between them only blank lines and comments).
  if (text === undefined) return node.children.some((c) => containsWord(c, word));
  let byWord = wordOffsets.get(anchor);
  if (!byWord) wordOffsets.set(anchor, (byWord = new Map()));
  let offsets = byWord.get(word);
  if (!offsets) {
    offsets = [];
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1))
      if (!isWordChar(text.charCodeAt(at - 1)) && !isWordChar(text.charCodeAt(at + word.length))) offsets.push(at);
    byWord.set(word, offsets);
  }
  const shift = anchor.shift;
  const first = firstAtOrAfter(offsets, node.startIndex - shift);
  return first < offsets.length && offsets[first]! + word.length <= node.endIndex - shift;
}

/** The index of the first of the sorted `values` that is at least `min`. */
export function firstAtOrAfter(values: number[], min: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < min) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A character that `\b` counts as part of a word (NaN, past either end of the text, does not). */
export function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

export interface CallArgs {
  positional: Node[];
  keywords: Map<string, Node>;
}

/** Splits a call's argument list into positional arguments and keyword values. */
export function callArgs(call: Node): CallArgs {
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  const list = call.childForFieldName('arguments');
  for (const arg of list?.namedChildren ?? []) {
    if (!arg) continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name');
      const value = arg.childForFieldName('value');
      if (name && value) keywords.set(name.text, value);
    } else if (arg.type !== 'comment') {
      positional.push(arg);
    }
  }
  return { positional, keywords };
}

const PRIMARY = new Set(['identifier', 'attribute', 'subscript', 'call', 'parenthesized_expression']);

/** The node's text, parenthesised when it must be to take `.attr` (`a + b` → `(a + b)`). */
export function receiverText(node: Node): string {
  return PRIMARY.has(node.type) ? node.text : `(${node.text})`;
}

/** Visits every node (named or not) in pre-order. */
export function walkAll(root: Node, visit: (node: Node) => void): void {
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    visit(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}
