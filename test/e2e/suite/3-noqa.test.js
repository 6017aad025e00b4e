// "Disable for this line" writes `# noqa: DG101` on the flagged line and the diagnostic goes away.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { lineOf, openFixture, quickFixesFor, waitFor, waitForDiagnostics, waitForNoDiagnostics } = require('./helpers');

suite('disable for this line', () => {
  test('the menu offers the fix first, then the suppressions and the documentation', async () => {
    const { document } = await openFixture('models/noqa_line.py');
    const [diagnostic] = await waitForDiagnostics(document.uri, 'DG101');
    const titles = (await quickFixesFor(document.uri, diagnostic)).map((a) => a.title);
    assert.ok(titles.length >= 3, titles.join('\n'));
    assert.deepEqual(titles.slice(-2), ['Dtype Guard (DG101): Disable for this line', 'Dtype Guard (DG101): Show documentation']);
  });

  test('the noqa comment lands on the flagged line and silences it', async () => {
    const { document } = await openFixture('models/noqa_line.py');
    const [diagnostic] = await waitForDiagnostics(document.uri, 'DG101');
    const disable = (await quickFixesFor(document.uri, diagnostic)).find((a) => a.title.endsWith('Disable for this line'));
    assert.ok(disable, 'no "Disable for this line" action');
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    const line = lineOf(document, 'F.conv2d(');
    await waitFor('the noqa comment', () => document.lineAt(line).text.endsWith('  # noqa: DG101'));
    assert.equal(document.lineAt(line).text.trim(), 'return F.conv2d(x, self.weight, bias, padding=1)  # noqa: DG101');
    await waitForNoDiagnostics(document.uri, 'DG101');
  });
});
