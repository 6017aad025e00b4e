/** Where a `self.name` attribute was made: its assignment in the class around a node (read-only). */
import type { SyntaxNode as Node } from './syntax';

export interface AttributeOrigin {
  /** 0-based row of the assignment. */
  line: number;
  /** The assignment, on one line and shortened. */
  text: string;
}

/**
 * The first `self.<attr> = …` in the methods of the class that holds `from` (`__init__` first, as
 * that is where modules register what `.half()` converts), or undefined when there is none.
 */
export function attributeOrigin(from: Node, attribute: string): AttributeOrigin | undefined {
  let cls: Node | null = from.parent;
  while (cls && cls.type !== 'class_definition') cls = cls.parent;
  const body = cls?.childForFieldName('body');
  if (!body) return undefined;
  const methods = body.namedChildren
    .map((c) => (c.type === 'decorated_definition' ? c.childForFieldName('definition') : c))
    .filter((c): c is Node => c?.type === 'function_definition');
  methods.sort((a, b) => rank(a) - rank(b));
  for (const method of methods) {
    const found = assignmentIn(method, `self.${attribute}`);
    if (found) return { line: found.startPosition.row, text: oneLine(found.text) };
  }
  return undefined;
}

function rank(method: Node): number {
  return method.childForFieldName('name')?.text === '__init__' ? 0 : 1;
}

function assignmentIn(node: Node, target: string): Node | undefined {
  for (const child of node.namedChildren) {
    if (child.type === 'function_definition' || child.type === 'class_definition') continue;
    if (child.type === 'assignment' && child.childForFieldName('left')?.text === target) return child;
    const inner = assignmentIn(child, target);
    if (inner) return inner;
  }
  return undefined;
}

function oneLine(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 60 ? one.slice(0, 57) + '...' : one;
}
