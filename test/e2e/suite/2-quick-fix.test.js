// The light bulb on a DG101 diagnostic: the preferred fix first, and applying it clears the diagnostic.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { lineOf, openFixture, quickFixesFor, waitFor, waitForDiagnostics, waitForNoDiagnostics } = require('./helpers');

suite('quick fix', () => {
  test('the preferred fix casts the bias to the input dtype', async () => {
    const { document } = await openFixture('models/quick_fix.py');
    const [diagnostic] = await waitForDiagnostics(document.uri, 'DG101');
    const actions = await quickFixesFor(document.uri, diagnostic);
    assert.ok(actions.length > 0, 'no Dtype Guard code action offered');
    const [first] = actions;
    assert.equal(first.isPreferred, true, `the first action is not the preferred fix: ${first.title}`);
    assert.match(first.title, /^Dtype Guard \(DG101\): /);

    assert.ok(await vscode.workspace.applyEdit(first.edit), 'VS Code refused the edit');
    const line = lineOf(document, 'F.conv2d(');
    await waitFor('the conv call to use the cast bias', () => document.lineAt(line).text.includes('bias.to(x.dtype)'));
    assert.equal(document.lineAt(line).text.trim(), 'return F.conv2d(x, self.weight, bias.to(x.dtype), padding=1)');
    await waitForNoDiagnostics(document.uri, 'DG101');
  });
});
