// Parsing in pieces: where top-level statements start is found from the text alone, and the pieces
// parsed on their own join into the tree of the whole text whenever it parses cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { core } from '../helpers/core.mjs';
import { filesEnding } from '../helpers/sources.mjs';
import { syntaxShape as shape } from '../helpers/syntaxShape.mjs';

const { statementStarts } = core.internals;

/** The starts of the module's statements at column 0 after the first, in the whole text's parse; undefined when it has errors. */
function treeStarts(text) {
  const tree = core.parse(text);
  try {
    if (tree.rootNode.hasError) return undefined;
    const starts = [];
    let first = true;
    for (const child of tree.rootNode.children) {
      if (!child || child.type === 'comment' || child.startPosition.column !== 0) continue;
      if (!first) starts.push(child.startIndex);
      first = false;
    }
    return starts;
  } finally {
    tree.delete();
  }
}

/** The fixtures, the examples and, where the machine has them, a sample of the standard library's modules. */
function sampleFiles() {
  const files = [...filesEnding('test/fixtures', '.py'), ...filesEnding('examples', '.py')];
  const stdlib = '/usr/lib/python3.11';
  if (existsSync(stdlib))
    files.push(
      ...readdirSync(stdlib)
        .filter((f) => f.endsWith('.py'))
        .sort()
        .slice(0, 120)
        .map((f) => path.join(stdlib, f)),
    );
  return files;
}

test('statement starts found in the text are those of the parse, on real files', () => {
  let compared = 0;
  for (const file of sampleFiles()) {
    const text = readFileSync(file, 'utf8').replace(/\r(?!\n)/g, '\n');
    const expected = treeStarts(text);
    if (!expected) continue;
    assert.deepEqual(statementStarts(text), expected, file);
    assert.equal(shape(core.parseSyntax(text)), shape(wholeSyntax(text)), file);
    compared++;
  }
  assert.ok(compared > 300, `compared ${compared} files`);
});

function wholeSyntax(text) {
  const tree = core.parse(text);
  try {
    return core.toSyntax(tree, text);
  } finally {
    tree.delete();
  }
}

test('what does not start a statement: clauses, decorated definitions, strings, brackets, continuations, comments', () => {
  const cases = [
    'if a:\n    b = 1\nelif c:\n    pass\nelse:\n    pass\nx = 1\n',
    'try:\n    f()\nexcept ValueError:\n    pass\nfinally:\n    g()\n',
    '@decorator\n# a comment between\n@other(1)\ndef f():\n    pass\n',
    's = """\nx = 1\n"""\n',
    "t = '''\ndef f():\n'''\n",
    'call(\n1,\n)\n',
    'y = [\n]\n',
    'z = 1 + \\\n2\n',
    'w = "a\\\nb = 2"\n',
    '# only a comment\n\n   \n',
    '',
    '\n\nx = 1\n',
    'x = 1\r\ny = 2\r\n',
  ];
  for (const text of cases) {
    assert.deepEqual(statementStarts(text), treeStarts(text), JSON.stringify(text));
    assert.equal(shape(core.parseSyntax(text)), shape(wholeSyntax(text)), JSON.stringify(text));
  }
  // The statements that do start: after a clause's block, after a decorated definition.
  assert.deepEqual(statementStarts('if a:\n    pass\nelse:\n    pass\nx = 1\n'), [30]);
  assert.deepEqual(statementStarts('@d\ndef f():\n    pass\ng = 1\n'), [21]);
});

test('a scan from a statement start finds the starts after it, and stops where asked', () => {
  const text = 'a = 1\nb = 2\nc = 3\nd = 4\n';
  assert.deepEqual(statementStarts(text), [6, 12, 18]);
  assert.deepEqual(statementStarts(text, 6), [12, 18]);
  assert.deepEqual(
    statementStarts(text, 0, (offset) => offset >= 12),
    [6, 12],
  );
});

test('a syntax error stays inside the statement it is in', () => {
  const text = 'def f(:\n    pass\n\nclass A:\n    x = 1\n';
  const root = core.parseSyntax(text);
  assert.ok(root.hasError);
  const last = root.children.at(-1);
  assert.ok(last);
  assert.equal(last.type, 'class_definition');
  assert.equal(last.hasError, false);
  assert.equal(last.startIndex, text.indexOf('class'));
});

test('edits that join, split and merge statements reparse to the tree of a fresh parse', () => {
  const base = 'import torch\n\n\nclass A:\n    x = 1\n\n\ndef f():\n    return 1\n\n\nif a:\n    pass\n\ny = 2\n';
  // Each edit: [the text to find, the text to put in its place], applied one after another.
  const edits = [
    ['def f', '@decorator\ndef f'], // a decorator joins the definition below it
    ['@decorator\n', ''], // and leaves it again
    ['\n\ny = 2', '\nelse:\n    pass\ny = 2'], // a clause joins the `if` above it
    ['y = 2', '    y = 2'], // an indented line joins the statement above
    ['    y = 2', 'y = 2'], // and splits off again
    ['class A:', 's = """\nclass A:'], // an open string swallows the rest of the file
    ['return 1', 'return 1\n"""'], // and ends
    ['x = 1\n', 'x = (1,\n'], // an open bracket
    ['return 1', 'return 1)'], // closed further down
    ['import torch\n', ''], // the first statement removed
    ['', '# a new first line\n'], // a comment before everything
  ];
  const source = new core.IncrementalSource(base);
  try {
    const classOf = (root) => root.children.find((c) => c.type === 'class_definition');
    const before = classOf(source.currentSyntax());
    for (const [find, replace] of edits) {
      const text = source.text;
      const at = text.indexOf(find);
      assert.ok(at >= 0, `${JSON.stringify(find)} is in the text`);
      const end = at + find.length;
      source.edit({ startOffset: at, endOffset: end, text: replace });
      const kept = source.currentSyntax();
      assert.equal(shape(kept), shape(core.parseSyntax(source.text)), `after ${JSON.stringify(replace)}`);
      if (!kept.hasError) assert.equal(shape(kept), shape(wholeSyntax(source.text)), `after ${JSON.stringify(replace)}`);
      // The class no edit so far has touched keeps its node: only the edited pieces are parsed again.
      if (find === 'def f' || find === '@decorator\n') assert.equal(classOf(kept), before, 'the class keeps its node');
    }
  } finally {
    source.dispose();
  }
});

test('a bracket left open ends with its statement: the next definition at column 0 starts a piece', () => {
  const text = 'def f(x:\n    return x\n\n\nclass A:\n    y = 1\n';
  assert.deepEqual(statementStarts(text), [text.indexOf('class')]);
  const root = core.parseSyntax(text);
  const last = root.children.at(-1);
  assert.ok(last && last.type === 'class_definition' && !last.hasError);
  // Inside a string a definition is text: the string still runs on.
  assert.deepEqual(statementStarts('s = """\ndef f():\n"""\nx = 1\n'), [21]);
});

test('a last line of only a zero-width space or a BOM is inside the module, as in the whole parse', () => {
  // Such a line starts a piece of its own (the parser counts it as column 0) that is empty: the
  // module still ends where the text does.
  for (const tail of ['\u200b', '\u200b\n', '\ufeff  \n', '\u2060# note\n', '\u200b\n\n']) {
    const text = 'import torch\n\nx = torch.zeros(2)\n' + tail;
    assert.equal(shape(core.parseSyntax(text)), shape(wholeSyntax(text)), JSON.stringify(tail));
    assert.equal(core.parseSyntax(text).endIndex, text.length, JSON.stringify(tail));
  }
});
