// A request that comes while a just-opened document waits for its settings joins the analysis
// under way: the document is analysed once, not twice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSession } from '../helpers/session.mjs';

test('pull right after open, while the client is slow to send settings: one analysis of that version', async () => {
  const session = await startSession({ pull: true, files: { 'head.py': 'flagged.py' } });
  try {
    const answer = session.client.requestHandlers.get('workspace/configuration');
    assert.ok(answer, 'the session answers workspace/configuration');
    session.client.onRequest(
      'workspace/configuration',
      (params) => new Promise((resolve) => setTimeout(() => resolve(answer(params)), 300)),
    );
    const { uri } = session.open('head.py', 1);
    // The request comes after the analysis of the opened document has started and asked for settings.
    await session.client.waitFor((m) => m.method === 'window/logMessage' && m.params.message.includes('initialized'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const report = await session.client.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.items.length, 1);
    const analysed = session.client.notifications.filter(
      (m) => m.method === 'window/logMessage' && m.params.message.startsWith(`start: ${uri} analysed`),
    );
    assert.equal(analysed.length, 1, analysed.map((m) => m.params.message).join('\n'));
  } finally {
    await session.close();
  }
});
