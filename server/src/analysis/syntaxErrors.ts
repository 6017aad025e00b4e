/**
 * Where a text does not parse: the innermost functions that hold a syntax error, and errors outside
 * any function. The rest of the file is analysed as usual; these parts are not (read-only).
 */
import type { SyntaxNode as Node } from './syntax';

export interface BrokenPart {
  /** `Head.forward` for a method, `helper` for a function; absent for an error outside functions. */
  name?: string;
  /** 0-based rows of the part (the whole function, or the error itself). */
  startLine: number;
  endLine: number;
  /** 0-based row of the first error in it. */
  errorLine: number;
}

export function brokenParts(root: Node): BrokenPart[] {
  const out: BrokenPart[] = [];
  if (root.hasError) walk(root, [], out);
  return out;
}

function walk(node: Node, scope: string[], out: BrokenPart[]): void {
  for (const child of node.children) {
    if (!child.hasError) continue;
    const fn = child.type === 'function_definition' ? child : undefined;
    const cls = child.type === 'class_definition' ? child : undefined;
    const name = (fn ?? cls)?.childForFieldName('name')?.text;
    if (fn && name && !hasBrokenFunction(fn)) {
      out.push({
        name: [...scope, name].join('.'),
        startLine: fn.startPosition.row,
        endLine: fn.endPosition.row,
        errorLine: firstError(fn),
      });
    } else if (child.type === 'ERROR' || (!child.children.length && child.hasError)) {
      out.push({ startLine: child.startPosition.row, endLine: child.endPosition.row, errorLine: child.startPosition.row });
    } else {
      walk(child, name ? [...scope, name] : scope, out);
    }
  }
}

/** Whether a function below this one holds the error (then that one is the broken part). */
function hasBrokenFunction(fn: Node): boolean {
  const body = fn.childForFieldName('body');
  const search = (n: Node): boolean => n.children.some((c) => c.hasError && (c.type === 'function_definition' || search(c)));
  return !!body && search(body);
}

function firstError(node: Node): number {
  if (node.type === 'ERROR') return node.startPosition.row;
  for (const child of node.children) if (child.hasError) return firstError(child);
  return node.startPosition.row;
}
