// The server spawned over stdio and driven with real protocol messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { core } from '../helpers/core.mjs';
import { LspClient } from '../helpers/lsp.mjs';

const file = path.resolve('test/fixtures/code/dg101_zeros_bias.py');
const uri = pathToFileURL(file).href;
const text = readFileSync(file, 'utf8');

test('push diagnostics, then a preferred quick fix whose edit casts the bias', async () => {
  const client = new LspClient();
  try {
    const init = await client.initialize({});
    assert.equal(init.serverInfo.name, 'dtype-guard');
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    const published = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
    const [diagnostic] = published.params.diagnostics;
    assert.equal(diagnostic.code, 'DG101');
    assert.equal(diagnostic.source, 'Dtype Guard');
    assert.match(diagnostic.codeDescription.href, /docs\/rules\/DG101\.md$/);
    assert.equal(diagnostic.range.start.line, 15);

    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1);
    assert.match(preferred[0].title, /^Dtype Guard \(DG101\): /);
    const fixed = core.applyEdits(text, preferred[0].edit.changes[uri]);
    assert.match(fixed, /F\.conv2d\(x, self\.weight, bias\.to\(x\.dtype\), padding=1\)/);

    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await client.waitFor(
      (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === 2,
    );
    assert.deepEqual(after.params.diagnostics, []);
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.proc.kill();
  }
});

test('pull diagnostics when the client supports them', async () => {
  const client = new LspClient();
  try {
    const init = await client.initialize({ textDocument: { diagnostic: { dynamicRegistration: false } } });
    assert.ok(init.capabilities.diagnosticProvider);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    const report = await client.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    assert.deepEqual(
      report.items.map((d) => d.code),
      ['DG101'],
    );
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.proc.kill();
  }
});
