/**
 * Edits that add suppression comments: `# noqa: DG101` on a line (merged into an existing
 * `# noqa:` list) and `# dtype-guard: noqa` for a whole file.
 */
import type { SyntaxNode as Node } from './syntax';
import { lineStarts } from './edits';
import { parseSyntax } from './pieces';
import type { TextEdit } from './types';

const NOQA_LIST = /#\s*noqa\s*:\s*([A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*)/i;
const BARE_NOQA = /#\s*noqa\b(?!\s*:)/i;

/** The text of a line without its break; `\r\n`, `\n` and a lone `\r` all end a line (as lineStarts counts them). */
function lineText(source: string, line: number): string {
  const starts = lineStarts(source);
  if (line >= starts.length) return '';
  const end = starts[line + 1] ?? source.length;
  return source.slice(starts[line], end).replace(/\r?\n$|\r$/, '');
}

/** The comment token ending the line (its text and column), or whether the line ends inside a string. */
function lineEnding(
  source: string,
  line: number,
  text: string,
): { comment?: { text: string; column: number }; inString: boolean } {
  const trimmed = text.replace(/\s+$/, '').length;
  if (trimmed === 0) return { inString: false };
  const lineStart = lineStarts(source)[line] ?? 0;
  const last = lineStart + trimmed - 1;
  const root = parseSyntax(source);
  const node = root.descendantForIndex(last);
  if (node?.type === 'comment') return { comment: { text: node.text, column: node.startPosition.column }, inString: false };
  for (let n: Node | null = node; n; n = n.parent) {
    if ((n.type === 'string' || n.type === 'concatenated_string') && n.endIndex > last + 1) return { inString: true };
  }
  return { inString: false };
}

/**
 * The edit that silences `code` on `line`, or undefined when the line already does or cannot take
 * a comment: a backslash continuation would become a syntax error, and a line that ends inside a
 * string would get the comment as string content. Only a real comment token is merged into; a
 * `# noqa` inside a string literal is text, not a suppression.
 */
export function lineNoqaEdit(source: string, line: number, code: string): TextEdit | undefined {
  const text = lineText(source, line);
  const { comment, inString } = lineEnding(source, line, text);
  if (inString || /\\\s*$/.test(text)) return undefined;
  if (comment) {
    const commentText = comment.text.replace(/\r$/, '');
    const column = comment.column;
    const list = NOQA_LIST.exec(commentText);
    if (list) {
      const codes = list[1]!.split(/\s*,\s*/).map((c) => c.toUpperCase());
      if (codes.includes(code.toUpperCase())) return undefined;
      const at = column + list.index + list[0].length;
      return { range: { start: { line, character: at }, end: { line, character: at } }, newText: `, ${code}` };
    }
    if (BARE_NOQA.test(commentText)) return undefined;
  }
  const trimmed = text.replace(/\s+$/, '');
  return {
    range: { start: { line, character: trimmed.length }, end: { line, character: text.length } },
    newText: `${trimmed.length ? '  ' : ''}# noqa: ${code}`,
  };
}

/** The edit that puts `# dtype-guard: noqa` at the top, after a shebang and an encoding line. */
export function fileNoqaEdit(source: string): TextEdit {
  let line = 0;
  if (/^#!/.test(lineText(source, 0))) line = 1;
  if (line < 2 && /^[ \t\f]*#.*coding[:=]/.test(lineText(source, line))) line += 1;
  const at = { line, character: 0 };
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  return { range: { start: at, end: at }, newText: `# dtype-guard: noqa${eol}` };
}
