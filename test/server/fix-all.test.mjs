// Fix all over real JSON-RPC: source.fixAll.dtypeGuard (what editor.codeActionsOnSave asks for) and
// the dtype-guard.applyFixAll command, on a file with two findings whose fixes must not overlap.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { core } from '../helpers/core.mjs';
import { startSession } from '../helpers/session.mjs';

let session;
let doc;
before(async () => {
  session = await startSession({ files: { 'two_heads.py': 'two_heads.py' } });
  doc = session.open('two_heads.py');
  await session.published(doc.uri, (p) => p.diagnostics.length === 2);
});
after(() => session.close());

const whole = { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } };

test('source.fixAll.dtypeGuard fixes every finding in one non-overlapping edit set', async () => {
  const actions = await session.client.request('textDocument/codeAction', {
    textDocument: { uri: doc.uri },
    range: whole,
    context: { diagnostics: [], only: ['source.fixAll.dtypeGuard'] },
  });
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, 'source.fixAll.dtypeGuard');
  const edits = actions[0].edit.changes[doc.uri];
  assert.equal(edits.length, 2);
  const fixed = core.applyEdits(doc.text, edits);
  assert.match(fixed, /F\.conv2d\(x, self\.cls_weight, cls_bias\.to\(x\.dtype\), padding=1\)/);
  assert.match(fixed, /F\.conv2d\(x, self\.reg_weight, reg_bias\.to\(x\.dtype\), padding=1\)/);
  assert.deepEqual(core.analyze(fixed), []);
  assert.equal(core.applyEdits(fixed, []), fixed);
});

test('a plain quick-fix request does not carry the fix-all action', async () => {
  const actions = await session.client.request('textDocument/codeAction', {
    textDocument: { uri: doc.uri },
    range: whole,
    context: { diagnostics: [], only: ['quickfix'] },
  });
  assert.deepEqual(actions, []);
});

test('the fix-all command applies the edits through workspace/applyEdit for the current version', async () => {
  const stale = await session.client.request('workspace/executeCommand', {
    command: 'dtype-guard.applyFixAll',
    arguments: [{ uri: doc.uri, version: 99 }],
  });
  assert.equal(stale, false, 'a request for an old version must not edit the newer text');
  assert.equal(session.appliedEdits.length, 0);

  const done = await session.client.request('workspace/executeCommand', {
    command: 'dtype-guard.applyFixAll',
    arguments: [{ uri: doc.uri, version: 1 }],
  });
  assert.equal(done, true);
  assert.equal(session.appliedEdits.length, 1);
  const [change] = session.appliedEdits[0].edit.documentChanges;
  assert.deepEqual(change.textDocument, { uri: doc.uri, version: 1 });
  assert.deepEqual(core.analyze(core.applyEdits(doc.text, change.edits)), []);
});
