// A syntax error mid-edit: the functions that parse keep being analysed, the one being edited keeps
// its last findings (moved with its lines) until it parses again, and the client is told which part
// does not parse.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSession } from '../helpers/session.mjs';

let session;
let doc;
before(async () => {
  session = await startSession({ files: { 'heads.py': 'two_modules.py' } });
  doc = session.open('heads.py');
  await session.published(doc.uri, (p) => p.diagnostics.length === 2);
});
after(() => session.close());

const lines = (diagnostics) => diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}`).sort();
const syntaxNote = (predicate) =>
  session.client.waitFor((m) => m.method === 'dtypeGuard/syntaxError' && m.params.uri === doc.uri && predicate(m.params));

/** Inserts a line before 0-based row `row` as version `version`. */
function insertLine(row, text, version) {
  session.client.notify('textDocument/didChange', {
    textDocument: { uri: doc.uri, version },
    contentChanges: [{ range: { start: { line: row, character: 0 }, end: { line: row, character: 0 } }, text: `${text}\n` }],
  });
}

test('an unclosed bracket in one method: both findings stay, the edited one moved down a line', async () => {
  const before = doc.text.split('\n');
  // RegHead.forward: `return F.conv2d(...)` is line 26; a half-typed line goes in above it.
  insertLine(25, '        y = torch.cat([x, ', 2);
  const note = syntaxNote((p) => p.message !== null);
  const { params } = await session.published(doc.uri, (p) => p.version === 2);
  assert.deepEqual(lines(params.diagnostics), ['DG101@15', 'DG101@27']);
  const moved = params.diagnostics.find((d) => d.range.start.line === 26);
  assert.equal(moved.message, 'bias is float32, input x is float16 under model.half()');
  assert.equal(moved.range.start.character, before[25].indexOf('F.conv2d'));
  assert.equal(moved.data.fixes[0].edits[0].range.start.line, 26, 'its fix moved with it');
  assert.equal((await note).params.message, 'syntax error on line 26 (RegHead.forward): last findings kept');
});

test('closing the bracket: the method is analysed again and the note is withdrawn', async () => {
  session.client.notify('textDocument/didChange', {
    textDocument: { uri: doc.uri, version: 3 },
    contentChanges: [{ range: { start: { line: 25, character: 26 }, end: { line: 25, character: 26 } }, text: 'x])' }],
  });
  const note = syntaxNote((p) => p.message === null);
  const { params } = await session.published(doc.uri, (p) => p.version === 3);
  assert.deepEqual(lines(params.diagnostics), ['DG101@15', 'DG101@27']);
  await note;
});

test('a method that never parsed has nothing to keep: the other module still gets its finding', async () => {
  const other = session.open(
    'fresh.py',
    1,
    doc.text.replace(
      '        return F.conv2d(x, self.weight, bias, padding=1)\n\n\nclass',
      '        return F.conv2d(x, self.weight, bias, padding=1\n\n\nclass',
    ),
  );
  const { params } = await session.published(other.uri);
  assert.deepEqual(lines(params.diagnostics), ['DG101@26']);
});
