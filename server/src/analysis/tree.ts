/** Small helpers over tree-sitter nodes: ranges in UTF-16 positions, call parts, walks. */
import type { SyntaxNode as Node } from './syntax';
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
  return node.endIndex - node.startIndex >= prefix.length && node.source.text.startsWith(prefix, node.startIndex);
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

/**
 * The smallest node at the start of each match of `pattern` (global) in `source`, in order. A text
 * search finds the few places worth looking at (noqa comments) without walking the tree; the node
 * then tells whether the match is code, a comment or the inside of a string.
 */
export function nodesAtMatches(root: Node, text: string, pattern: RegExp): Node[] {
  // The parser saw lone `\r` turned into `\n` (same offsets): so does the pattern.
  const source = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
  return [...source.matchAll(pattern)].map((match) => root.descendantForIndex(match.index));
}
