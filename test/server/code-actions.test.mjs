// The light-bulb menu over real JSON-RPC: fixes first, then noqa for the line (merged into an existing
// list), the documentation command, noqa for the file (after shebang and coding lines), and fix-all
// in the light bulb when the file has more than one fix.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { core } from '../helpers/core.mjs';
import { startSession } from '../helpers/session.mjs';

let session;
before(async () => {
  session = await startSession({
    files: {
      'flagged.py': 'flagged.py',
      'two_heads.py': 'two_heads.py',
      'noqa_other_code.py': 'noqa_other_code.py',
      'script.py': 'shebang_coding.py',
    },
  });
});
after(() => session.close());

async function menuFor(target) {
  const { uri, text } = session.open(target);
  const published = await session.published(uri, (p) => p.diagnostics.length > 0);
  const [diagnostic] = published.params.diagnostics;
  const actions = await session.client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: ['quickfix'] },
  });
  return { uri, text, diagnostic, actions };
}

const byTitle = (actions, ending) => actions.find((a) => a.title.endsWith(ending));

test('the menu: the preferred fix first, then the suppressions, then the documentation', async () => {
  const { actions } = await menuFor('flagged.py');
  const titles = actions.map((a) => a.title);
  assert.match(titles[0], /^Dtype Guard \(DG101\): /);
  assert.equal(actions[0].isPreferred, true);
  // One fix in the file: no fix-all in the light bulb (it would do what the fix does).
  assert.deepEqual(titles.slice(-3), [
    'Dtype Guard (DG101): Disable for this line',
    'Dtype Guard (DG101): Show documentation',
    'Dtype Guard: Disable for this file',
  ]);
  const docs = byTitle(actions, 'Show documentation');
  assert.equal(docs.command.command, 'dtype-guard.showDocumentation');
  assert.match(docs.command.arguments[0], /docs\/rules\/DG101\.md$/);
});

test('with two fixes in the file, fix-all is in the light bulb (as a quick fix) and fixes both', async () => {
  const { uri, text, actions } = await menuFor('two_heads.py');
  const all = actions.filter((a) => a.title === 'Dtype Guard: Fix all problems');
  assert.equal(all.length, 1);
  assert.equal(all[0].kind, 'quickfix');
  assert.equal(actions.at(-1), all[0], 'last in the menu');
  const fixed = core.applyEdits(text, all[0].edit.changes[uri]);
  assert.deepEqual(core.analyze(fixed), []);
  assert.equal(actions.filter((a) => a.title === 'Dtype Guard: Disable for this file').length, 1);
});

test('disable for this line appends a noqa comment that silences the finding', async () => {
  const { uri, text, actions } = await menuFor('flagged.py');
  const edit = byTitle(actions, 'Disable for this line').edit.changes[uri];
  const fixed = core.applyEdits(text, edit);
  assert.match(fixed, /return F\.conv2d\(x, self\.weight, bias, padding=1\) {2}# noqa: DG101\n/);
  assert.deepEqual(core.analyze(fixed), []);
});

test('disable for this line merges DG101 into an existing noqa list', async () => {
  const { uri, text, actions } = await menuFor('noqa_other_code.py');
  const fixed = core.applyEdits(text, byTitle(actions, 'Disable for this line').edit.changes[uri]);
  assert.match(fixed, /stride=1\) {2}# noqa: E501, DG101\n/);
  assert.equal((fixed.match(/# noqa/g) ?? []).length, 1);
  assert.deepEqual(core.analyze(fixed), []);
});

test('disable for the file goes after the shebang and the coding line', async () => {
  const { uri, text, actions } = await menuFor('script.py');
  const fixed = core.applyEdits(text, byTitle(actions, 'Disable for this file').edit.changes[uri]);
  assert.deepEqual(fixed.split('\n').slice(0, 3), ['#!/usr/bin/env python3', '# -*- coding: utf-8 -*-', '# dtype-guard: noqa']);
  assert.deepEqual(core.analyze(fixed), []);
});

test('show documentation asks the client to open the rule page', async () => {
  const shown = [];
  session.client.onRequest('window/showDocument', (params) => {
    shown.push(params);
    return { success: true };
  });
  const result = await session.client.request('workspace/executeCommand', {
    command: 'dtype-guard.showDocumentation',
    arguments: [core.ruleDocUrl('DG101')],
  });
  assert.equal(result, true);
  assert.equal(shown.length, 1);
  assert.equal(shown[0].external, true);
  assert.match(shown[0].uri, /DG101\.md$/);
});

test('diagnostics from other tools get no Dtype Guard actions', async () => {
  const { uri } = session.open('flagged.py', 2);
  const foreign = {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    message: 'x',
    source: 'ruff',
    code: 'E501',
  };
  const actions = await session.client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: foreign.range,
    context: { diagnostics: [foreign] },
  });
  assert.deepEqual(actions, []);
});
