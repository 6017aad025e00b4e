// Checks every finding must pass whatever the input: positions inside the text, edits that never
// overlap, and fixes that parse and settle.
import { core } from '../helpers/core.mjs';

/** Length of each line without its break, with LSP's idea of a line break (\r\n, \r, \n). */
export function lineLengths(text) {
  const starts = core.lineStarts(text);
  return starts.map((start, i) => {
    let end = i + 1 < starts.length ? starts[i + 1] : text.length;
    while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
    return end - start;
  });
}

const before = (a, b) => a.line < b.line || (a.line === b.line && a.character <= b.character);

/** Problems with one range in a text (empty when it is fine). */
export function rangeProblems(range, lengths, what) {
  const problems = [];
  for (const [name, p] of [
    ['start', range.start],
    ['end', range.end],
  ]) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) {
      problems.push(`${what} ${name} is not a position: ${JSON.stringify(p)}`);
    } else if (p.line >= lengths.length) {
      problems.push(`${what} ${name} line ${p.line} is past the last line ${lengths.length - 1}`);
    } else if (p.character > lengths[p.line]) {
      problems.push(`${what} ${name} ${p.line}:${p.character} is past the line end ${lengths[p.line]}`);
    }
  }
  if (!problems.length && !before(range.start, range.end))
    problems.push(`${what} ends before it starts: ${JSON.stringify(range)}`);
  return problems;
}

/** String spans [start, end) of a fix's edits. */
export function spansOf(edits, text) {
  const starts = core.lineStarts(text);
  return edits.map((e) => [core.offsetAt(starts, text, e.range.start), core.offsetAt(starts, text, e.range.end)]);
}

/** Whether two spans overlap (two insertions at one point count: their order would be arbitrary). */
export const overlap = ([s1, e1], [s2, e2]) => (s1 < e2 && s2 < e1) || (s1 === s2 && (s1 === e1 || s2 === e2));

/** Every problem with the findings of a text: positions, overlapping edits within a fix. */
export function findingProblems(findings, text) {
  const lengths = lineLengths(text);
  const problems = [];
  for (const f of findings) {
    const where = `${f.code}@${f.range.start.line + 1}`;
    problems.push(...rangeProblems(f.range, lengths, `${where} range`));
    for (const r of f.related ?? []) if (!r.file) problems.push(...rangeProblems(r.range, lengths, `${where} related`));
    for (const fix of f.fixes) {
      for (const e of fix.edits) problems.push(...rangeProblems(e.range, lengths, `${where} fix "${fix.title}" edit`));
      const spans = spansOf(fix.edits, text);
      for (let i = 0; i < spans.length; i++)
        for (let j = i + 1; j < spans.length; j++)
          if (overlap(spans[i], spans[j])) problems.push(`${where} fix "${fix.title}" has overlapping edits ${i} and ${j}`);
    }
  }
  return problems;
}

/**
 * Number of ERROR and MISSING nodes in the parse of a text, parsed as the analysis parses it: in
 * pieces, one per top-level statement.
 */
export function errorCount(text) {
  const normalized = text.replace(/\r(?!\n)/g, '\n');
  const starts = [0, ...core.internals.statementStarts(normalized), normalized.length];
  let count = 0;
  for (let i = 0; i + 1 < starts.length; i++) count += wasmErrorCount(normalized.slice(starts[i], starts[i + 1]));
  return count;
}

function wasmErrorCount(text) {
  const tree = core.parse(text);
  try {
    let count = 0;
    const cursor = tree.rootNode.walk();
    try {
      for (;;) {
        const node = cursor.currentNode;
        if (node.type === 'ERROR' || node.isMissing) count++;
        if (node.hasError && cursor.gotoFirstChild()) continue;
        while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return count;
      }
    } finally {
      cursor.delete();
    }
  } finally {
    tree.delete();
  }
}

/** What `check --fix` does: apply the preferred fixes that do not overlap, once. */
export function applyPreferred(text, findings) {
  const preferred = findings.flatMap((f) => f.fixes.filter((x) => x.preferred));
  return core.applyEdits(
    text,
    core.nonOverlapping(preferred, text).flatMap((f) => f.edits),
  );
}

/** @param {unknown} error */
const stackOf = (error) => (error instanceof Error ? error.stack : String(error));

/** Analysis that records rule and dtype model crashes instead of hiding them. */
export function analyzeStrict(text, options = {}) {
  const crashes = [];
  const findings = core.analyze(text, {
    ...options,
    onRuleError: (rule, error) => crashes.push(`${rule.code}: ${stackOf(error)}`),
    onModelError: (error) => crashes.push(`dtype model: ${stackOf(error)}`),
  });
  if (crashes.length) throw new Error(`rule crashed: ${crashes.join('\n')}`);
  return findings;
}
