/**
 * Reads suppression comments: `# noqa`, `# noqa: DG101, DG102` on a line, `# dtype-guard: noqa` for a
 * file. The edits that add them are in noqaEdits.ts.
 */
import type { SyntaxNode as Node } from './syntax';
import { nodesAtMatches } from './tree';

/** Every `#` on a line that mentions noqa: one of them starts the comment (the others may sit in strings). */
const HASH_ON_NOQA_LINE = /#(?=[^\n]*noqa)/gi;

const LINE_NOQA = /#\s*noqa(?::\s*([A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?/i;
const FILE_NOQA = /#\s*dtype-guard:\s*noqa\b/i;

export interface Suppressions {
  file: boolean;
  /** line → codes suppressed on it ('*' for a bare `# noqa`). */
  lines: Map<number, Set<string>>;
}

/** Reads suppressions from the comments of a file: found by text, confirmed as comment nodes by the tree. */
export function readSuppressions(root: Node, source: string = root.text): Suppressions {
  const result: Suppressions = { file: false, lines: new Map() };
  if (!/noqa/i.test(source)) return result;
  const seen = new Set<number>();
  for (const node of nodesAtMatches(root, source, HASH_ON_NOQA_LINE)) {
    if (node.type !== 'comment' || seen.has(node.startIndex)) continue;
    seen.add(node.startIndex);
    addComment(node, result);
  }
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
