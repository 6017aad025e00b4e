// The server over stdio under hostile or careless clients: it answers with proper errors, stays
// alive, ends with diagnostics that match the final text, and leaves cleanly on shutdown/exit.
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

/** What the server should report for a text: code and range of each finding. */
const expected = (t) => core.analyze(t).map((f) => ({ code: f.code, range: f.range }));
const reported = (diagnostics) => diagnostics.map((d) => ({ code: d.code, range: d.range }));

/**
 * @param {(client: LspClient) => Promise<void>} run
 * @param {{ env?: NodeJS.ProcessEnv, initializationOptions?: unknown }} [options]
 */
async function withServer(run, { env, initializationOptions } = {}) {
  const client = new LspClient(['--stdio'], env);
  try {
    await client.initialize({}, initializationOptions);
    await run(client);
    assert.equal(await client.shutdown(), 0, 'shutdown then exit ends the process with code 0');
  } finally {
    client.proc.kill();
  }
}

const published = (client, version, u = uri) =>
  client.waitFor(
    (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === u && m.params.version === version,
    30000,
  );

/** Proves the server still answers: a request with a known answer. */
async function assertAlive(client) {
  const hover = await client.request('textDocument/hover', {
    textDocument: { uri: 'file:///never/opened.py' },
    position: { line: 0, character: 0 },
  });
  assert.equal(hover, null);
}

test('malformed JSON, unknown methods and unopened documents get errors or empty answers, not a crash', async () => {
  await withServer(async (client) => {
    const garbage = Buffer.from('{"jsonrpc": "2.0", "id": 99, "method": ');
    client.proc.stdin.write(`Content-Length: ${garbage.length}\r\n\r\n`);
    client.proc.stdin.write(garbage);
    await assert.rejects(client.request('dtypeGuard/noSuchMethod', {}), (/** @type {any} */ e) => e.code === -32601);
    client.notify('dtypeGuard/noSuchNotification', { x: 1 });
    client.notify('textDocument/didChange', {
      textDocument: { uri: 'file:///never/opened.py', version: 2 },
      contentChanges: [{ text: 'x' }],
    });
    client.notify('textDocument/didClose', { textDocument: { uri: 'file:///never/opened.py' } });
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri: 'file:///never/opened.py' },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.ok(actions === null || Array.isArray(actions));
    await assertAlive(client);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    assert.deepEqual(reported((await published(client, 1)).params.diagnostics), expected(text));
  });
});

test('out-of-range positions are clamped: hover, code actions and edits past the end', async () => {
  await withServer(async (client) => {
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    await published(client, 1);
    const far = { line: 10_000, character: 10_000 };
    await client.request('textDocument/hover', { textDocument: { uri }, position: far });
    await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: far, end: far },
      context: { diagnostics: [] },
    });
    const change = { range: { start: { line: 2, character: 999 }, end: { line: 9999, character: 5 } }, text: '\n# cut\n' };
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [change] });
    const final = core.applyEdits(text, [{ range: change.range, newText: change.text }]);
    assert.deepEqual(reported((await published(client, 2)).params.diagnostics), expected(final));
    assert.deepEqual(expected(final), [], 'the cut removed the finding');
  });
});

test('a stale version and a flood of 500 edits end with diagnostics of the final text', async () => {
  await withServer(async (client) => {
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 10, text } });
    // An older version number after a newer one: applied in order all the same.
    client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: text + '\n' }] });
    let current = text + '\n';
    const line = current.split('\n').findIndex((l) => l.includes('F.conv2d'));
    for (let i = 0; i < 500; i++) {
      // Typing and deleting at the call: the finding comes and goes as the bias name changes.
      const at = { line, character: current.split('\n')[line].indexOf('bias,') + 4 };
      const change =
        i % 3 === 2
          ? { range: { start: { ...at, character: at.character - 1 }, end: at }, text: '' }
          : { range: { start: at, end: at }, text: i % 2 ? 'x' : 'é' };
      current = core.applyEdits(current, [{ range: change.range, newText: change.text }]);
      client.notify('textDocument/didChange', { textDocument: { uri, version: 11 + i }, contentChanges: [change] });
    }
    const last = await published(client, 510);
    assert.deepEqual(reported(last.params.diagnostics), expected(current));
    await assertAlive(client);
  });
});

test('shutdown in the middle of an analysis still ends the process cleanly', async () => {
  const client = new LspClient();
  try {
    await client.initialize({});
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: text.repeat(300) } });
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: text.repeat(301) }] });
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.proc.kill();
  }
});

test('exit without shutdown ends the process with code 1, as the protocol says', async () => {
  const client = new LspClient();
  try {
    await client.initialize({});
    client.notify('exit', null);
    assert.equal(await client.exited, 1);
  } finally {
    client.proc.kill();
  }
});

test('a parse over its limit is stopped and logged; the next small document is analysed', async () => {
  const big = text.repeat(100);
  const bigUri = pathToFileURL(path.resolve('test/fixtures/code/big_generated.py')).href;
  await withServer(
    async (client) => {
      client.notify('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'python', version: 1, text: big } });
      assert.deepEqual((await published(client, 1, bigUri)).params.diagnostics, []);
      const log = await client.waitFor(
        (m) => m.method === 'window/logMessage' && /not analysed: parsing exceeded/.test(m.params.message),
      );
      assert.match(log.params.message, /big_generated\.py/);
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
      assert.deepEqual(reported((await published(client, 1)).params.diagnostics), expected(text));
    },
    { env: { DTYPE_GUARD_PARSE_MAX_STEPS: '50' } },
  );
});

test('a document over dtypeGuard.maxFileSize is not analysed, with a line in the log', async () => {
  await withServer(
    async (client) => {
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
      assert.deepEqual((await published(client, 1)).params.diagnostics, []);
      const log = await client.waitFor((m) => m.method === 'window/logMessage' && /maxFileSize/.test(m.params.message));
      assert.match(log.params.message, /dg101_zeros_bias\.py/);
    },
    { initializationOptions: { maxFileSize: 100 } },
  );
});
