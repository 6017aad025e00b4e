// Each fix on every fixture changes only what its title says: it replaces exactly one syntax node
// (keeping its text), inserts between tokens or whole lines, keeps every comment, and removes the
// finding; `# noqa` insertion lands in a comment, merges with one already there, and changes no code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { core } from '../helpers/core.mjs';
import { spansOf } from './invariants.mjs';

const FIXTURE_DIRS = ['test/fixtures/code', 'test/fixtures/configs'];
const fixtures = FIXTURE_DIRS.flatMap((dir) => {
  let names = [];
  try {
    names = readdirSync(dir, { recursive: true }).filter((n) => String(n).endsWith('.py'));
  } catch {
    return [];
  }
  return names.map((n) => path.resolve(dir, String(n)));
});

function withTree(text, fn) {
  const tree = core.parse(text);
  try {
    return fn(tree.rootNode);
  } finally {
    tree.delete();
  }
}

/** Every node as [start, end, type, named, isLeaf], in string offsets. */
function nodesOf(root) {
  const out = [];
  const cursor = root.walk();
  try {
    for (;;) {
      const n = cursor.currentNode;
      out.push({ start: n.startIndex, end: n.endIndex, type: n.type, named: n.isNamed, leaf: n.childCount === 0 });
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return out;
    }
  } finally {
    cursor.delete();
  }
}

const comments = (text) =>
  withTree(text, (root) =>
    nodesOf(root)
      .filter((n) => n.type === 'comment')
      .map((n) => text.slice(n.start, n.end)),
  );

/** Whether `small` appears in `big` in order, characters possibly spread out (wrapping keeps the text). */
function isSubsequence(small, big) {
  let i = 0;
  for (const c of big) if (c === small[i]) i++;
  return i === small.length;
}

/** Problems with one fix on one text (empty when it does only what its title says). */
function fixProblems(text, finding, fix, options) {
  const problems = [];
  const nodes = withTree(text, nodesOf);
  const spans = spansOf(fix.edits, text);
  const insideToken = (offset) => nodes.find((n) => n.leaf && n.start < offset && offset < n.end && n.type !== 'comment');
  fix.edits.forEach((edit, i) => {
    const [start, end] = spans[i];
    const old = text.slice(start, end);
    for (const offset of start === end ? [start] : [start, end]) {
      const token = insideToken(offset);
      if (token) problems.push(`edit ${i} cuts into the token "${text.slice(token.start, token.end)}"`);
    }
    if (start === end || edit.newText === '') return; // an insertion, or a deletion of whole tokens
    if (!nodes.some((n) => n.named && n.start === start && n.end === end))
      problems.push(`edit ${i} replaces "${old}", which is not one syntax node`);
    // A cast wraps its target: the old text survives, in order, inside the new one.
    if (/^(Cast|Convert)\b/.test(fix.title) && !isSubsequence(old, edit.newText)) {
      problems.push(`edit ${i} rewrites "${old}" as "${edit.newText}" instead of wrapping it`);
    }
  });
  const fixed = core.applyEdits(text, fix.edits);
  const before = comments(text);
  const after = comments(fixed);
  for (const c of before) if (!after.some((a) => a.startsWith(c.trimEnd()))) problems.push(`comment lost: ${c}`);
  const count = (t) => withTree(t, (root) => nodesOf(root).filter((n) => n.type === 'ERROR' || n.type === '').length);
  if (count(fixed) > count(text)) problems.push('adds parse errors');
  const remaining = core.analyze(fixed, options).filter((f) => f.code === finding.code).length;
  const had = core.analyze(text, options).filter((f) => f.code === finding.code).length;
  if (remaining >= had) (fix.preferred ? problems : options.stubborn).push(`${finding.code} is still reported after the fix`);
  return problems;
}

test('every fix on every fixture touches only its target, keeps comments, and the preferred one removes its finding', (t) => {
  const problems = [];
  const stubborn = [];
  let fixesChecked = 0;
  for (const file of fixtures) {
    const text = readFileSync(file, 'utf8');
    const options = { path: file, stubborn: [] };
    for (const finding of core.analyze(text, options)) {
      for (const fix of finding.fixes) {
        fixesChecked++;
        const where = `${path.relative(process.cwd(), file)}:${finding.range.start.line + 1} ${finding.code} "${fix.title}"`;
        for (const p of fixProblems(text, finding, fix, options)) problems.push(`${where}: ${p}`);
        for (const p of options.stubborn.splice(0)) stubborn.push(`${where}: ${p}`);
      }
    }
  }
  assert.ok(fixesChecked > 0, 'the fixtures offer fixes to check');
  // Alternative fixes that leave their finding in place are listed, not failed: some trade one mismatch for another.
  t.diagnostic(`${fixesChecked} fixes checked; ${stubborn.length} alternative fixes leave their finding: ${stubborn.join('; ')}`);
  assert.deepEqual(problems, [], `${problems.length} problems in ${fixesChecked} fixes`);
});

/** What the code of a text is, comments aside: its tree shape and the text of every other token. */
const codeShape = (text) =>
  withTree(text, (root) => {
    const tokens = nodesOf(root)
      .filter((n) => n.leaf && n.type !== 'comment')
      .map((n) => text.slice(n.start, n.end));
    return root.toString().replace(/ ?\(comment\)/g, '') + '\n' + tokens.join('\u0000');
  });

test('# noqa on a finding line: lands in a comment, merges with an existing one, changes no code', () => {
  const problems = [];
  let checked = 0;
  for (const file of fixtures) {
    const original = readFileSync(file, 'utf8');
    const options = { path: file };
    for (const finding of core.analyze(original, options)) {
      const line = finding.range.start.line;
      const lines = original.split('\n');
      // The line as it is, with a plain comment, with another code's noqa, with a bare-ish list.
      const variants = [null, `  # keep this note`, `  # noqa: DG999`, `  # noqa:DG998,DG999 because`].map((suffix) => {
        if (suffix === null) return original;
        const copy = [...lines];
        copy[line] = copy[line].replace(/\s*#.*$/, '') + suffix;
        return copy.join('\n');
      });
      for (const text of variants) {
        const edit = core.lineNoqaEdit(text, line, finding.code);
        const stillThere = core.analyze(text, options).some((f) => f.code === finding.code && f.range.start.line === line);
        if (!stillThere) continue; // the variant changed the finding itself (e.g. the line held its # expect marker)
        checked++;
        const where = `${path.relative(process.cwd(), file)}:${line + 1} ${finding.code}`;
        if (!edit) {
          problems.push(`${where}: no noqa edit offered for: ${text.split('\n')[line]}`);
          continue;
        }
        const fixed = core.applyEdits(text, [edit]);
        const newLine = fixed.split('\n')[line];
        if (codeShape(fixed) !== codeShape(text)) problems.push(`${where}: the noqa edit changed code: ${newLine}`);
        if (core.analyze(fixed, options).some((f) => f.code === finding.code && f.range.start.line === line)) {
          problems.push(`${where}: still reported after: ${newLine}`);
        }
        const oldComment = /#.*$/.exec(text.split('\n')[line])?.[0];
        if (oldComment && !newLine.includes(oldComment.replace(/\s+$/, '').split(' because')[0]))
          problems.push(`${where}: the old comment was not kept: ${newLine}`);
        if ((newLine.match(/#\s*noqa/gi) ?? []).length > 1)
          problems.push(`${where}: two noqa comments instead of one merged list: ${newLine}`);
      }
    }
  }
  assert.ok(checked > 0);
  assert.deepEqual(problems, [], `${problems.length} problems in ${checked} noqa insertions`);
});
