/**
 * Where the top-level statements of a Python text start, found by a scan of the text alone (no
 * parse): lines at column 0 outside any string, bracket or backslash continuation, that are not a
 * comment, not the `else` / `elif` / `except` / `finally` of the statement before, and not the
 * statement a decorator line above belongs to.
 *
 * The parser cuts a text at these offsets and parses each piece on its own (`chunks.ts`): a
 * statement at column 0 after a complete statement starts where the tokenizer holds no state, so
 * a piece parses as it does inside the whole text. On the 3098 files of the standard library,
 * PyTorch and the ecosystem corpus that parse cleanly, these offsets are exactly the starts of the
 * module's statements after the first (`test/unit/chunks.test.mjs` checks a sample).
 */

const SPACE = 32;
const TAB = 9;
const FORM_FEED = 12;
const NEWLINE = 10;
const RETURN = 13;
const HASH = 35;
const AT = 64;
const BACKSLASH = 92;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;

/** Statements that only a definition begins: never inside brackets. */
const DEFINITION = /^(?:async\s+def|def|class)\s/;

/** Clauses that continue the statement above them rather than start one. */
const CONTINUATION = /^(?:else|elif|except|finally)\b/;

const isBlank = (c: number) => c === SPACE || c === TAB || c === FORM_FEED;

/**
 * The offsets after `from` at which a top-level statement starts, in order. `from` must be 0 or
 * an offset this function returned for the same text before it (where the scan holds no state);
 * `text` may also be a part of a longer text that begins at a statement (`atStatement`).
 * The first statement of the text is not an offset: what comes before it (comments, blank lines)
 * belongs to it. `stop(offset)` is asked at each start found; when it answers true the scan ends
 * there and that offset is the last one returned.
 */
export function statementStarts(
  text: string,
  from = 0,
  stop?: (offset: number) => boolean,
  /** `from` is where a statement starts (not the beginning of the whole text, when `text` is a part of it). */
  atStatement = from > 0,
): number[] {
  const starts: number[] = [];
  const n = text.length;
  /** Open brackets. */
  let depth = 0;
  /** The open string's quote: `"`, `'`, `"""` or `'''`. */
  let quote: string | null = null;
  /** The last line that began at column 0 was a decorator: the next one belongs to it. */
  let decorated = false;
  /** A statement was seen already (always, when the scan starts at a statement). */
  let seen = atStatement;
  let lineStart = true;
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (lineStart) {
      lineStart = false;
      // `def` and `class` cannot stand inside brackets: at column 0 they begin a statement, so a
      // bracket left open above (while typing) ends with its statement instead of taking the rest
      // of the file into one piece. Valid code never has an open bracket there.
      if (quote === null && depth > 0 && DEFINITION.test(text.slice(i, i + 10))) depth = 0;
      if (quote === null && depth === 0) {
        if (isBlank(c)) {
          // An indented line with code on it ends what a decorator waits for.
          let j = i + 1;
          while (j < n && isBlank(text.charCodeAt(j))) j++;
          const next = text.charCodeAt(j);
          if (j < n && next !== NEWLINE && next !== RETURN && next !== HASH) decorated = false;
        } else if (c !== NEWLINE && c !== RETURN && c !== HASH) {
          if (seen && i !== from && !decorated && !CONTINUATION.test(text.slice(i, i + 9))) {
            starts.push(i);
            if (stop?.(i)) return starts;
          }
          seen = true;
          decorated = c === AT;
        }
      }
    }
    if (quote !== null) {
      if (c === BACKSLASH) {
        // Skips the escaped character; an escaped line break keeps the string open (and is no line start).
        i += text.charCodeAt(i + 1) === RETURN && text.charCodeAt(i + 2) === NEWLINE ? 3 : 2;
        continue;
      }
      if (quote.length === 3) {
        if (c === quote.charCodeAt(0) && text.startsWith(quote, i)) {
          quote = null;
          i += 3;
          continue;
        }
      } else if (c === quote.charCodeAt(0)) {
        quote = null;
        i++;
        continue;
      } else if (c === NEWLINE) {
        quote = null; // a one-line string left open ends with its line (a syntax error)
      }
      if (c === NEWLINE) lineStart = true;
      i++;
      continue;
    }
    switch (c) {
      case HASH:
        while (i < n && text.charCodeAt(i) !== NEWLINE) i++;
        continue;
      case DOUBLE_QUOTE:
      case SINGLE_QUOTE: {
        const q = text[i]!;
        quote = text.startsWith(q + q + q, i) ? q + q + q : q;
        i += quote.length;
        continue;
      }
      case 40: // (
      case 91: // [
      case 123: // {
        depth++;
        break;
      case 41: // )
      case 93: // ]
      case 125: // }
        if (depth > 0) depth--;
        break;
      case BACKSLASH: {
        // A continuation: the next line is not a line start.
        const next = text.charCodeAt(i + 1);
        if (next === NEWLINE) {
          i += 2;
          continue;
        }
        if (next === RETURN && text.charCodeAt(i + 2) === NEWLINE) {
          i += 3;
          continue;
        }
        break;
      }
      case NEWLINE:
        lineStart = true;
        break;
    }
    i++;
  }
  return starts;
}
