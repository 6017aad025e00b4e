// The dtype-guard.explain command over real JSON-RPC: a pasted traceback and a log file, tied to the
// workspace file (its unsaved text when open), with each file's settings; bad arguments fail cleanly.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startSession } from '../helpers/session.mjs';

let session;
before(async () => {
  session = await startSession({ files: { 'heads/scale_head.py': 'flagged.py' } });
});
after(() => session.close());

/** A CUDA traceback of another machine through the workspace file's line `line`. */
const traceback = (line, code) =>
  [
    'Traceback (most recent call last):',
    '  File "/home/alice/det/tools/train.py", line 40, in <module>',
    '    main()',
    '  File "/opt/conda/lib/python3.10/site-packages/torch/nn/modules/module.py", line 1501, in _call_impl',
    '    return forward_call(*args, **kwargs)',
    `  File "/home/alice/det/heads/scale_head.py", line ${line}, in forward`,
    `    ${code}`,
    'RuntimeError: Input type (c10::Half) and bias type (float) should be the same',
    '',
  ].join('\n');

const execute = (arg) => session.client.request('workspace/executeCommand', { command: 'dtype-guard.explain', arguments: [arg] });

test('a pasted traceback is tied to the rule finding on its line, with the fix', async () => {
  const result = await execute({ text: traceback(15, 'return F.conv2d(x, self.weight, bias, padding=1)') });
  assert.deepEqual(result.untied, []);
  assert.equal(result.explanations.length, 1);
  const [e] = result.explanations;
  assert.equal(e.uri, session.uri('heads/scale_head.py'));
  assert.equal(e.code, 'DG101');
  assert.equal(e.range.start.line, 14);
  assert.equal(e.count, 1);
  assert.match(e.error, /^Input type \(c10::Half\) and bias type \(float\)/);
  assert.equal(e.fixes[0].edits[0].newText, 'bias.to(x.dtype)');
});

test('an open document answers by its unsaved text: a line that moved is found by its source line', async () => {
  const original = session.text('heads/scale_head.py');
  const edited = original.replace('    def forward(self, x):\n', '    def forward(self, x):\n        # one more line\n');
  session.open('heads/scale_head.py', 2, edited);
  const moved = await execute({ text: traceback(16, 'return F.conv2d(x, self.weight, bias, padding=1)') });
  assert.equal(moved.explanations[0]?.range.start.line, 15);
  // The disk's line 16 is not the printed line any more: the frame is not this file's.
  const stale = await execute({ text: traceback(15, 'return F.conv2d(x, self.weight, bias, padding=1)') });
  assert.equal(stale.explanations.length, 0);
  assert.match(stale.untied[0].reason, /no frame/);
  session.client.notify('textDocument/didClose', { textDocument: { uri: session.uri('heads/scale_head.py') } });
});

test('a log file is read by path; a missing one or a bad argument is an error response, not a crash', async () => {
  const log = path.join(session.root, '..', `${path.basename(session.root)}.log`);
  writeFileSync(log, `step 10 loss 0.3\n${traceback(15, 'return F.conv2d(x, self.weight, bias, padding=1)').repeat(3)}`);
  const result = await execute({ logFile: log });
  assert.equal(result.explanations.length, 1);
  assert.equal(result.explanations[0].count, 3);
  await assert.rejects(execute({ logFile: path.join(session.root, 'missing.log') }));
  await assert.rejects(execute({ nothing: true }));
  const after = await execute({ text: traceback(15, 'return F.conv2d(x, self.weight, bias, padding=1)') });
  assert.equal(after.explanations.length, 1, 'the server still answers');
});

test('the rules follow the settings: with DG101 off the crash is explained as DG100', async () => {
  session.settings.severity = { DG101: 'off' };
  session.client.notify('workspace/didChangeConfiguration', { settings: {} });
  try {
    const result = await execute({ text: traceback(15, 'return F.conv2d(x, self.weight, bias, padding=1)') });
    assert.equal(result.explanations[0].code, 'DG100');
    assert.match(result.explanations[0].message, /bias `bias` is float32 while input `x` is float16/);
    assert.equal(result.explanations[0].fixes[0].edits[0].newText, 'bias.to(x.dtype)');
  } finally {
    session.settings.severity = {};
    session.client.notify('workspace/didChangeConfiguration', { settings: {} });
  }
});
