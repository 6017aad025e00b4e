// "Generate a dtype test" and "Log operand dtypes here" over real JSON-RPC: offered on a class and on a
// finding in a class, the test file written inside the workspace (tests folder configurable) and opened,
// extended for a second class; the log line is a refactor fix-all never applies.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startSession } from '../helpers/session.mjs';

let session;
const shown = [];
const messages = [];
before(async () => {
  session = await startSession({ tree: 'test/fixtures/dtype-test/pkg_project', files: { 'models/flagged.py': 'flagged.py' } });
  session.client.onRequest('window/showDocument', (params) => {
    shown.push(params);
    return { success: true };
  });
  // showErrorMessage / showInformationMessage are window/showMessageRequest requests.
  session.client.onRequest('window/showMessageRequest', (params) => {
    messages.push(params);
    return null;
  });
});
after(() => session.close());

async function actionsAt(target, marker, context = { diagnostics: [] }) {
  const { uri, text } = session.open(target);
  const line = text.split('\n').findIndex((l) => l.includes(marker));
  const character = text.split('\n')[line].indexOf(marker) + 1;
  const actions = await session.client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line, character }, end: { line, character } },
    context,
  });
  return { uri, text, actions };
}

const generateFor = (actions, name) => actions.find((a) => a.title === `Dtype Guard: Generate a dtype test for ${name}`);

test('on a class definition: generate writes tests/test_<module>_dtypes.py and opens it', async () => {
  const { actions } = await actionsAt('models/heads.py', 'class FusedBiasHead');
  const action = generateFor(actions, 'FusedBiasHead');
  assert.ok(action, actions.map((a) => a.title).join('\n'));
  assert.equal(action.kind, 'refactor');
  assert.equal(await session.client.request('workspace/executeCommand', action.command), true);
  const file = path.join(session.root, 'tests/test_heads_dtypes.py');
  assert.ok(existsSync(file));
  assert.match(readFileSync(file, 'utf8'), /^def test_fused_bias_head_dtypes\(regime\):/m);
  assert.equal(shown.at(-1).uri, session.uri('tests/test_heads_dtypes.py'));
});

test('a second class extends the same file instead of overwriting it', async () => {
  const { actions } = await actionsAt('models/heads.py', 'class ClsHead');
  await session.client.request('workspace/executeCommand', generateFor(actions, 'ClsHead').command);
  const text = readFileSync(path.join(session.root, 'tests/test_heads_dtypes.py'), 'utf8');
  assert.match(text, /def test_fused_bias_head_dtypes[\s\S]*def test_cls_head_dtypes/);
  assert.match(text, /^from models\.heads import FusedBiasHead, ClsHead {2}# noqa: E402$/m);
});

test('on a DG1xx finding inside a class: generate for that class, next to the fixes', async () => {
  const { uri } = session.open('models/flagged.py');
  const published = await session.published(uri, (p) => p.diagnostics.length > 0);
  const [diagnostic] = published.params.diagnostics;
  const actions = await session.client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: ['quickfix'] },
  });
  const action = generateFor(actions, 'ScaleHead');
  assert.ok(action, actions.map((a) => a.title).join('\n'));
  assert.equal(action.kind, 'quickfix');
  assert.deepEqual(action.diagnostics, [diagnostic]);
  assert.ok(actions.indexOf(action) < actions.findIndex((a) => / Disable /.test(a.title)));
});

test('dtypeGuard.testsFolder moves the file; a folder outside the workspace is refused', async () => {
  session.settings.testsFolder = 'checks/dtypes';
  session.client.notify('workspace/didChangeConfiguration', { settings: {} });
  const { actions } = await actionsAt('models/flagged.py', 'class ScaleHead');
  await session.client.request('workspace/executeCommand', generateFor(actions, 'ScaleHead').command);
  assert.ok(existsSync(path.join(session.root, 'checks/dtypes/test_flagged_dtypes.py')));
  session.settings.testsFolder = '../elsewhere';
  session.client.notify('workspace/didChangeConfiguration', { settings: {} });
  const result = await session.client.request('workspace/executeCommand', generateFor(actions, 'ScaleHead').command);
  assert.equal(result, false);
  assert.match(messages.at(-1).message, /the tests folder "\.\.\/elsewhere" is outside the workspace: no test was written/);
  assert.ok(!existsSync(path.join(session.root, '../elsewhere')));
  session.settings.testsFolder = 'tests';
  session.client.notify('workspace/didChangeConfiguration', { settings: {} });
});

test('log operand dtypes on a conv call, finding or not; fix-all never applies it', async () => {
  const { uri, actions } = await actionsAt('models/flagged.py', 'F.conv2d');
  const log = actions.find((a) => a.title === 'Dtype Guard: Log operand dtypes here');
  assert.ok(log);
  assert.equal(log.kind, 'refactor');
  assert.match(
    log.edit.changes[uri].at(-1).newText,
    /^ {8}logger\.debug\("F\.conv2d operands: input %s %s, weight %s %s, bias %s %s"/,
  );
  const onHeads = await actionsAt('models/heads.py', 'self.fc(');
  assert.ok(onHeads.actions.some((a) => a.title === 'Dtype Guard: Log operand dtypes here'));
  const fixAll = await session.client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.dtypeGuard'] },
  });
  assert.equal(fixAll.length, 1);
  assert.ok(!JSON.stringify(fixAll).includes('logger.debug'));
});
