/** Suppression comments: `# noqa`, `# noqa: DG101, DG102` on a line, `# dtype-guard: noqa` for a file. */
import type { Node } from 'web-tree-sitter';
import { nodesOfType } from './tree';

const LINE_NOQA = /#\s*noqa(?::\s*([A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?/i;
const FILE_NOQA = /#\s*dtype-guard:\s*noqa\b/i;

export interface Suppressions {
  file: boolean;
  /** line → codes suppressed on it ('*' for a bare `# noqa`). */
  lines: Map<number, Set<string>>;
}

/** Reads suppressions from the comment nodes of a tree; with the source, a text without "noqa" costs no walk. */
export function readSuppressions(root: Node, source?: string): Suppressions {
  const result: Suppressions = { file: false, lines: new Map() };
  if (source !== undefined && !/noqa/i.test(source)) return result;
  for (const node of nodesOfType(root, ['comment'])) addComment(node, result);
  return result;
}

function addComment(node: Node, result: Suppressions): void {
  const text = node.text;
  if (FILE_NOQA.test(text)) {
    result.file = true;
    return;
  }
  const match = LINE_NOQA.exec(text);
  if (!match) return;
  const codes = match[1] ? match[1].split(/[\s,]+/).map((c) => c.toUpperCase()) : ['*'];
  const line = node.startPosition.row;
  const set = result.lines.get(line) ?? new Set<string>();
  for (const code of codes) set.add(code);
  result.lines.set(line, set);
}

export function isSuppressed(s: Suppressions, code: string, line: number): boolean {
  if (s.file) return true;
  const codes = s.lines.get(line);
  return !!codes && (codes.has('*') || codes.has(code));
}
