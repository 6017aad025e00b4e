// The server's log names the phases of its start-up in order, and each open document's first
// diagnostics once, so that a slow first squiggle can be traced to the phase that took the time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSession } from '../helpers/session.mjs';

const phaseLines = (client) =>
  client.notifications
    .filter((m) => m.method === 'window/logMessage' && m.params.message.startsWith('start: '))
    .map((m) => m.params.message);

test('start-up phases and the first diagnostics of a document are logged once, in order', async () => {
  const session = await startSession({ files: { 'head.py': 'flagged.py' } });
  try {
    const { uri, text } = session.open('head.py', 1);
    await session.published(uri, (p) => p.version === 1);
    session.client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: text + '\n' }],
    });
    await session.published(uri, (p) => p.version === 2);
    const first = `start: first diagnostics of ${uri} (1) sent at `;
    await session.client.waitFor((m) => m.method === 'window/logMessage' && m.params.message.startsWith(first));
    const lines = phaseLines(session.client);
    const names = lines.map((l) => l.replace(/ at \d+ ms$/, '').replace(/\(settings \d+ ms, analysis \d+ ms\)/, '(…)'));
    assert.match(names.shift(), /^start: times are since the server process started at \d{4}-\d\d-\d\dT[\d:.]+Z$/);
    assert.deepEqual(names, [
      'start: initialize received',
      'start: parser and grammar loaded',
      'start: initialized',
      `start: ${uri} analysed (…)`,
      `start: first diagnostics of ${uri} (1) sent`,
    ]);
    const ms = lines.slice(1).map((l) => {
      const at = / at (\d+) ms$/.exec(l);
      assert.ok(at, `the line ends with its time: ${l}`);
      return Number(at[1]);
    });
    assert.deepEqual(
      [...ms].sort((a, b) => a - b),
      ms,
    );
  } finally {
    await session.close();
  }
});
