// Hover over real JSON-RPC: on a flagged call it explains the finding; elsewhere it says nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSession } from '../helpers/session.mjs';

let session;
let doc;
let diagnostic;
before(async () => {
  session = await startSession({ files: { 'head.py': 'flagged.py' } });
  doc = session.open('head.py');
  [diagnostic] = (await session.published(doc.uri, (p) => p.diagnostics.length === 1)).params.diagnostics;
});
after(() => session.close());

test('on the flagged call: the code, the message, the regime and the documentation link', async () => {
  const hover = await session.client.request('textDocument/hover', {
    textDocument: { uri: doc.uri },
    position: diagnostic.range.start,
  });
  assert.equal(hover.contents.kind, 'markdown');
  const text = hover.contents.value;
  assert.match(text, /\*\*Dtype Guard \(DG101\)\*\* fresh-float-tensor/);
  assert.ok(text.includes(diagnostic.message));
  assert.match(text, /Breaks under:\n- `half`/);
  assert.match(text, /\[Documentation for DG101\]\(.*DG101\.md\)/);
  assert.deepEqual(hover.range, diagnostic.range);
});

test('away from any finding: no hover', async () => {
  const hover = await session.client.request('textDocument/hover', {
    textDocument: { uri: doc.uri },
    position: { line: 1, character: 3 },
  });
  assert.equal(hover, null);
});
