/**
 * Reads suppression comments: `# noqa`, `# noqa: DG101, DG102` on a line, `# dtype-guard: noqa` for a
 * file. The edits that add them are in noqaEdits.ts.
 */
import { pieceShift, pieceText, type SyntaxNode as Node } from './syntax';

const NO = /^no$/i;

const LINE_NOQA = /#\s*noqa(?::\s*([A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?/i;
const FILE_NOQA = /#\s*dtype-guard:\s*noqa\b/i;

export interface Suppressions {
  file: boolean;
  /** line → codes suppressed on it ('*' for a bare `# noqa`), read when first asked. */
  readonly lines: Map<number, Set<string>>;
}

/**
 * Reads suppressions from the comments of a file: found by text, confirmed as comment nodes by the
 * tree. A file-wide one is known at once; the lines of the others only when a finding asks, since
 * a comment's line needs the line starts of the whole text (most analyses of an edit find nothing).
 */
export function readSuppressions(root: Node): Suppressions {
  const comments: Node[] = [];
  let file = false;
  const seen = new Set<number>();
  for (const node of hashesIn(root).map((at) => root.descendantForIndex(at))) {
    if (node.type !== 'comment' || seen.has(node.startIndex)) continue;
    seen.add(node.startIndex);
    if (FILE_NOQA.test(node.text)) file = true;
    else comments.push(node);
  }
  let lines: Map<number, Set<string>> | undefined;
  return {
    file,
    get lines() {
      return (lines ??= linesOf(comments));
    },
  };
}

/**
 * The `#`s of `hashesBeforeNoqa` in a piece's text, by the piece's anchor (syntax.ts): a piece an
 * edit did not touch is not searched again. Its offsets count from the piece's start.
 */
const pieceHashes = new WeakMap<object, number[]>();

/**
 * The `#`s before a `noqa` in the whole text, searched piece by piece (every comment is a node of
 * a top-level statement, in its piece): the whole text is not joined.
 */
function hashesIn(root: Node): number[] {
  const found: number[] = [];
  let last: object | undefined;
  for (const unit of root.type === 'module' ? root.children : [root]) {
    const anchor = unit.anchor;
    if (anchor === last) continue; // the statements of one piece share its anchor
    last = anchor;
    const text = pieceText(unit);
    let local = pieceHashes.get(anchor);
    if (!local) pieceHashes.set(anchor, (local = hashesBeforeNoqa(text)));
    const shift = pieceShift(unit);
    for (const at of local) found.push(at + shift);
  }
  return found;
}

/**
 * Every `#` before a `noqa` on its line, in order: one of them starts the comment (the others may
 * sit in strings). Found from the few `noqa`s back to their line start: a pattern that looks ahead
 * from every `#` reads every comment of the file to its end, a millisecond in a large file.
 */
export function hashesBeforeNoqa(source: string): number[] {
  const found: number[] = [];
  // `done`: where the line of the last noqa seen was searched up to, so no `#` is found twice
  let done = 0;
  for (const noqa of noqaOffsets(source)) {
    const from = Math.max(done, source.lastIndexOf('\n', noqa - 1) + 1);
    for (let at = source.indexOf('#', from); at !== -1 && at < noqa; at = source.indexOf('#', at + 1)) found.push(at);
    done = Math.max(done, noqa);
  }
  return found;
}

/**
 * Where `noqa` is, in any case, in order: found by its rare `qa` in four plain searches, several
 * times faster in a large file than a case-blind pattern, which V8 tries at every character.
 */
function noqaOffsets(source: string): number[] {
  const found: number[] = [];
  for (const qa of ['qa', 'qA', 'Qa', 'QA'])
    for (let at = source.indexOf(qa, 2); at !== -1; at = source.indexOf(qa, at + 1))
      if (NO.test(source.slice(at - 2, at))) found.push(at - 2);
  return found.sort((a, b) => a - b);
}

/** line → codes of the line comments. */
function linesOf(comments: Node[]): Map<number, Set<string>> {
  const lines = new Map<number, Set<string>>();
  for (const node of comments) {
    const match = LINE_NOQA.exec(node.text);
    if (!match) continue;
    const codes = match[1] ? match[1].split(/[\s,]+/).map((c) => c.toUpperCase()) : ['*'];
    const line = node.startPosition.row;
    const set = lines.get(line) ?? new Set<string>();
    for (const code of codes) set.add(code);
    lines.set(line, set);
  }
  return lines;
}

export function isSuppressed(s: Suppressions, code: string, line: number): boolean {
  if (s.file) return true;
  const codes = s.lines.get(line);
  return !!codes && (codes.has('*') || codes.has(code));
}
