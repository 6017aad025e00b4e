// Configs through the server: diagnostics that follow the _base_ chain and the registry, hover and
// definition on type='Name', and re-diagnosis of a config when an open base is edited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lsp.mjs';

const WS = path.resolve('test/fixtures/workspaces/dg203_autocast_conv');
const doc = (rel) => {
  const file = path.join(WS, rel);
  return { file, uri: pathToFileURL(file).href, text: readFileSync(file, 'utf8') };
};

async function start() {
  const client = new LspClient();
  const root = pathToFileURL(WS).href;
  await client.request('initialize', {
    processId: process.pid,
    rootUri: root,
    workspaceFolders: [{ uri: root, name: 'ws' }],
    capabilities: {},
  });
  client.notify('initialized', {});
  return client;
}

const published = (client, uri, pred = (/** @type {any} */ _params) => true) =>
  client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && pred(m.params));

test('a config with AMP whose model builds a conv that breaks under autocast: DG201 and DG203 with links', async () => {
  const client = await start();
  try {
    const leaf = doc('configs/retinanet_fusion_amp.py');
    client.notify('textDocument/didOpen', { textDocument: { uri: leaf.uri, languageId: 'python', version: 1, text: leaf.text } });
    const { diagnostics } = (await published(client, leaf.uri)).params;
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['DG201', 'DG203']);
    const dg203 = diagnostics.find((d) => d.code === 'DG203');
    assert.equal(dg203.severity, 2);
    const call = dg203.relatedInformation.find((r) => r.location.uri.endsWith('models/fusion_conv.py'));
    assert.equal(call.location.range.start.line, 20);
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.proc.kill();
  }
});

test('hover and go to definition on type=', async () => {
  const client = await start();
  try {
    const base = doc('configs/retinanet_fusion.py');
    client.notify('textDocument/didOpen', { textDocument: { uri: base.uri, languageId: 'python', version: 1, text: base.text } });
    const position = { line: 2, character: base.text.split('\n')[2].indexOf("'FusionConv'") + 3 };
    const hover = await client.request('textDocument/hover', { textDocument: { uri: base.uri }, position });
    assert.match(hover.contents.value, /\*\*`FusionConv`\*\* builds class `FusionConv` \(MODELS\)/);
    assert.match(hover.contents.value, /Breaks under AMP \(autocast\):\n- DG105 \[fusion_conv\.py:21\]/);
    assert.match(hover.contents.value, /AMP is off/);
    const location = await client.request('textDocument/definition', { textDocument: { uri: base.uri }, position });
    assert.equal(location.uri, pathToFileURL(path.join(WS, 'models/fusion_conv.py')).href);
    assert.equal(location.range.start.line, 10);
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.proc.kill();
  }
});

test('editing an open base re-diagnoses the configs that inherit from it', async () => {
  const client = await start();
  try {
    const leaf = doc('configs/retinanet_fusion_amp.py');
    const base = doc('configs/retinanet_fusion.py');
    client.notify('textDocument/didOpen', { textDocument: { uri: leaf.uri, languageId: 'python', version: 1, text: leaf.text } });
    await published(client, leaf.uri, (p) => p.diagnostics.some((d) => d.code === 'DG203'));
    client.notify('textDocument/didOpen', { textDocument: { uri: base.uri, languageId: 'python', version: 1, text: base.text } });
    const plain = base.text.replace("model = dict(backbone=dict(conv_cfg=dict(type='FusionConv')))\n", '');
    assert.notEqual(plain, base.text);
    client.notify('textDocument/didChange', { textDocument: { uri: base.uri, version: 2 }, contentChanges: [{ text: plain }] });
    const after = await published(client, leaf.uri, (p) => !p.diagnostics.some((d) => d.code === 'DG203'));
    assert.deepEqual(
      after.params.diagnostics.map((d) => d.code),
      ['DG201'],
    );
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.proc.kill();
  }
});
