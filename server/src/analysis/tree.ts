/** Small helpers over tree-sitter nodes: ranges in UTF-16 positions, call parts, walks. */
import type { Node } from 'web-tree-sitter';
import type { Position, Range } from './types';

export function positionOf(p: { row: number; column: number }): Position {
  return { line: p.row, character: p.column };
}

export function rangeOf(node: Node): Range {
  return { start: positionOf(node.startPosition), end: positionOf(node.endPosition) };
}

/** Visits every named descendant of `root` (pre-order) with an explicit stack, no recursion. */
export function forEachNamed(root: Node, visit: (node: Node) => boolean | void): void {
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    const children = node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push(child);
    }
  }
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

/** The innermost enclosing function definition of a node, if any. */
export function enclosingFunction(node: Node): Node | null {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'function_definition') return n;
  return null;
}

const PRIMARY = new Set(['identifier', 'attribute', 'subscript', 'call', 'parenthesized_expression']);

/** The node's text, parenthesised when it must be to take `.attr` (`a + b` → `(a + b)`). */
export function receiverText(node: Node): string {
  return PRIMARY.has(node.type) ? node.text : `(${node.text})`;
}

/** Visits every node (named or not) in pre-order with a tree cursor: the cheap walk for hot paths. */
export function walkAll(root: Node, visit: (node: Node) => void): void {
  const cursor = root.walk();
  try {
    for (;;) {
      visit(cursor.currentNode);
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || cursor.currentNode.equals(root)) return;
      }
    }
  } finally {
    cursor.delete();
  }
}
