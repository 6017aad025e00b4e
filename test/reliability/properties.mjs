// The property tests of the core, run inside a worker (see watchdog.mjs). Each returns its counts.
import assert from 'node:assert/strict';
import path from 'node:path';
import fc from 'fast-check';
import { core } from '../helpers/core.mjs';
import { loadCorpus } from './corpus.mjs';
import { editsArb, mutate, replacementOf } from './mutations.mjs';
import { analyzeStrict, applyPreferred, errorCount, findingProblems } from './invariants.mjs';

/** The seed of every run; set DG_FUZZ_SEED to replay another one. fast-check prints it on failure. */
export const SEED = Number(process.env.DG_FUZZ_SEED ?? 20261127);
const scale = Number(process.env.DG_FUZZ_SCALE ?? 1);
const runs = (n) => Math.max(1, Math.round(n * scale));

/**
 * The counting bound on parsing: tree-sitter reports progress every ~100 parser operations, so
 * this allows ~100 operations per character plus a constant: linear work, or the case fails.
 */
export const parseBudget = (text) => ({ maxSteps: 1000 + text.length });

const corpus = loadCorpus();
const baseArb = fc.integer({ min: 0, max: corpus.length - 1 }).map((i) => corpus[i]);

function check(property, numRuns) {
  fc.assert(property, { seed: SEED, numRuns, endOnFailure: false, verbose: 0, includeErrorInReport: true });
}

/** Random edits never make the core throw, and every position it reports lies inside the text. */
export function noCrashInsideText() {
  let inputs = 0;
  let findings = 0;
  check(
    fc.property(baseArb, editsArb(8), (base, edits) => {
      const text = mutate(base.text, edits);
      inputs++;
      // The real path: config rules resolve _base_ and registries against the fixture folders on disk.
      const found = analyzeStrict(text, { path: path.resolve(base.file), limits: parseBudget(text) });
      findings += found.length;
      assert.deepEqual(findingProblems(found, text), []);
    }),
    runs(1500),
  );
  return { cases: runs(1500), inputs, findings, corpus: corpus.length };
}

/** Every node of a syntax tree: type, field, offsets, rows and columns, text. */
function syntaxString(node) {
  const p = node.startPosition;
  const e = node.endPosition;
  const head = `(${node.type}${node.field ? ':' + node.field : ''} ${node.startIndex}-${node.endIndex} ${p.row}.${p.column}-${e.row}.${e.column}`;
  return `${head} ${JSON.stringify(node.text)}${node.children.map((c) => ' ' + syntaxString(c)).join('')})`;
}

/** After a sequence of edits, the incrementally reparsed syntax tree and its findings equal a fresh parse. */
export function incrementalEqualsFresh() {
  let inputs = 0;
  let reparses = 0;
  let erroneous = 0;
  let acceptedByTreeSitterOnly = 0;
  check(
    fc.property(baseArb, editsArb(8), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (base, edits, analyseAfter) => {
      const source = new core.IncrementalSource(base.text);
      try {
        core.analyzeSyntax(source.currentSyntax());
        edits.forEach((edit, i) => {
          // The server hands edits over as it receives them: offsets and the LSP positions of both ends.
          const r = replacementOf(source.text, edit);
          const expected = source.text.slice(0, r.start) + r.text + source.text.slice(r.end);
          source.edit({
            startOffset: r.start,
            endOffset: r.end,
            text: r.text,
          });
          assert.equal(source.text, expected, 'the text follows the edits');
          if (analyseAfter[i]) {
            core.analyzeSyntax(source.currentSyntax());
            reparses++;
          }
        });
        inputs += edits.length;
        // The kept tree is a fresh parse in pieces, errors or not; and the whole text's tree when
        // it parses cleanly (a syntax error stays inside its statement's piece).
        assert.equal(
          syntaxString(source.currentSyntax()),
          syntaxString(core.parseSyntax(source.text)),
          'incremental syntax tree equals a fresh parse in pieces',
        );
        const normalized = source.text.replace(/\r(?!\n)/g, '\n');
        const fresh = core.parse(normalized);
        try {
          if (fresh.rootNode.hasError) erroneous++;
          // Tree-sitter takes some texts Python rejects (a line ending in `.` continued by the next
          // one at column 0): the pieces keep the error there.
          else if (source.currentSyntax().hasError) acceptedByTreeSitterOnly++;
          else {
            assert.equal(
              syntaxString(source.currentSyntax()),
              syntaxString(core.toSyntax(fresh, normalized)),
              'incremental syntax tree equals the whole text parsed at once',
            );
          }
        } finally {
          fresh.delete();
        }
        const incremental = core.analyzeSyntax(source.currentSyntax());
        assert.deepEqual(incremental, analyzeStrict(source.text), 'incremental findings equal fresh findings');
      } finally {
        source.dispose();
      }
    }),
    runs(400),
  );
  return { cases: runs(400), inputs, reparses, finalTextsWithSyntaxErrors: erroneous, acceptedByTreeSitterOnly };
}

/**
 * Fixing parses with no new errors, fixing again changes nothing, and no fix has overlapping
 * edits. Every generated case is checked and every distinct problem listed (not only the first),
 * so one report shows all the fixes that misbehave, each with a replayable input.
 */
export function fixesAreSafe() {
  let inputs = 0;
  let fixedTexts = 0;
  let fixesApplied = 0;
  const problems = new Map();
  const note = (key, base, edits, detail) => {
    if (!problems.has(key)) problems.set(key, { problem: key, file: base.file, edits, detail: detail.slice(0, 600) });
  };
  const cases = fc.sample(fc.tuple(baseArb, fc.oneof(fc.constant([]), editsArb(2))), { seed: SEED, numRuns: runs(1000) });
  for (const [base, edits] of cases) {
    const text = mutate(base.text, edits);
    inputs++;
    const findings = analyzeStrict(text);
    for (const p of findingProblems(findings, text)) note(`position or overlap: ${p.split(' ')[0]}`, base, edits, p);
    const errorsBefore = errorCount(text);
    for (const f of findings) {
      for (const fix of f.fixes) {
        const one = core.applyEdits(text, fix.edits);
        fixesApplied++;
        if (errorCount(one) > errorsBefore)
          note(`${f.code} fix "${fix.title.split(' ')[0]}…" adds parse errors`, base, edits, fix.title);
      }
    }
    const fixed = applyPreferred(text, findings);
    if (fixed === text) continue;
    fixedTexts++;
    if (errorCount(fixed) > errorsBefore) note('fixing adds parse errors', base, edits, fixed);
    const again = analyzeStrict(fixed);
    const refixed = applyPreferred(fixed, again);
    if (refixed !== fixed) {
      const codes = findings.filter((f) => f.fixes.some((x) => x.preferred)).map((f) => f.code);
      const newCodes = again.filter((f) => f.fixes.some((x) => x.preferred)).map((f) => `${f.code}@${f.range.start.line + 1}`);
      note(
        `fixing ${[...new Set(codes)].join('+')} does not settle: ${base.file}`,
        base,
        edits,
        `after the fix: ${newCodes.join(', ')}`,
      );
    }
  }
  const list = [...problems.values()];
  assert.deepEqual(list, [], `${list.length} distinct fix problems in ${inputs} inputs:\n${JSON.stringify(list, null, 1)}`);
  return { cases: cases.length, inputs, fixedTexts, fixesApplied };
}

/** What the code of a text is, comments aside: its tree shape and the text of every other token. */
function codeShape(text) {
  const tree = core.parse(text);
  try {
    const tokens = [];
    const cursor = tree.rootNode.walk();
    try {
      for (let more = true; more;) {
        const n = cursor.currentNode;
        if (n.childCount === 0 && n.type !== 'comment') tokens.push(n.text);
        if (cursor.gotoFirstChild()) continue;
        while (!cursor.gotoNextSibling())
          if (!cursor.gotoParent()) {
            more = false;
            break;
          }
      }
    } finally {
      cursor.delete();
    }
    return tree.rootNode.toString().replace(/ ?\(comment\)/g, '') + '\n' + tokens.join('\u0000');
  } finally {
    tree.delete();
  }
}

/** "Disable DGxxx for this line" on any line of any edited text: it changes no code and silences the line. */
export function noqaEditChangesNoCode() {
  let inputs = 0;
  let edits = 0;
  check(
    fc.property(baseArb, editsArb(3), fc.double({ min: 0, max: 1, noNaN: true }), (base, mutations, at) => {
      const text = mutate(base.text, mutations);
      inputs++;
      const lineCount = core.lineStarts(text).length;
      const line = Math.min(lineCount - 1, Math.floor(at * lineCount));
      const edit = core.lineNoqaEdit(text, line, 'DG101');
      if (!edit) return;
      edits++;
      const fixed = core.applyEdits(text, [edit]);
      // Only when the text parses cleanly is the tree a fair judge (error recovery may regroup).
      const tree = core.parse(text);
      const clean = !tree.rootNode.hasError;
      tree.delete();
      if (clean)
        assert.equal(
          codeShape(fixed),
          codeShape(text),
          `the noqa edit changed code on line ${line}: ${JSON.stringify(fixed.split(/\r\n|\r|\n/)[line])}`,
        );
    }),
    runs(1000),
  );
  return { cases: runs(1000), inputs, edits };
}
