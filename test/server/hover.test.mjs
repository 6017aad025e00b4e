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

test('on the flagged call: the code, where each operand got its dtype, the regimes, the fix and the docs', async () => {
  const hover = await session.client.request('textDocument/hover', {
    textDocument: { uri: doc.uri },
    position: diagnostic.range.start,
  });
  assert.equal(hover.contents.kind, 'markdown');
  const text = hover.contents.value;
  assert.equal(diagnostic.message, 'bias is float32, input x is float16 under model.half()');
  assert.match(text, /\*\*Dtype Guard \(DG101\)\*\* fresh-float-tensor/);
  // The editor shows the message beside the hover: it is not repeated, nor is any part told twice.
  assert.ok(!text.includes(diagnostic.message), text);
  assert.equal(text.split('Dtype Guard (DG101)').length - 1, 1, 'one title');
  assert.equal(text.split('torch.zeros').length - 1, 1, 'each step told once');
  // Each operand links to the line that made it: the bias to its torch.zeros line (14), the weight to
  // its nn.Parameter line in __init__ (11), not to the call (15).
  const link = (line) => `[line ${line}](${doc.uri}#L${line})`;
  assert.ok(text.includes(`- **bias** is \`float32\`: ${link(14)} \`torch.zeros(...) without dtype= is float32\``), text);
  assert.ok(text.includes(`- **weight** \`self.weight\` is \`float16\`: ${link(11)} \`self.weight = nn.Parameter(`), text);
  assert.ok(!text.includes(link(15)), 'no link points at the call itself');
  assert.ok(text.indexOf('- **bias**') < text.indexOf('- **input**'), 'the blamed operand comes first');
  assert.match(text, /Breaks under `half` \(after `model\.half\(\)`\), `mmcv-fp16` \(/);
  assert.match(text, /\*\*Fix:\*\* Cast bias to x\.dtype · \[Documentation for DG101\]\(.*DG101\.md\)/);
  assert.deepEqual(hover.range, diagnostic.range);
});

test('away from any finding: no hover', async () => {
  const hover = await session.client.request('textDocument/hover', {
    textDocument: { uri: doc.uri },
    position: { line: 1, character: 3 },
  });
  assert.equal(hover, null);
});
