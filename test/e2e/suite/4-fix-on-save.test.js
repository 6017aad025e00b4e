// With editor.codeActionsOnSave asking for source.fixAll.dtypeGuard, saving leaves no fixable finding.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { guardDiagnostics, lineOf, openFixture, quickFixesFor, setSetting, waitFor, waitForDiagnostics } = require('./helpers');

/** Diagnostics whose light bulb still offers a fix (not just a suppression or the documentation). */
async function fixable(uri) {
  const left = [];
  for (const diagnostic of guardDiagnostics(uri)) {
    const actions = await quickFixesFor(uri, diagnostic);
    if (actions.some((a) => !/: (Disable for this (line|file)|Show documentation)$/.test(a.title))) left.push(diagnostic);
  }
  return left;
}

suite('fix all on save', () => {
  suiteSetup(() => setSetting('editor', 'codeActionsOnSave', { 'source.fixAll.dtypeGuard': 'explicit' }, 'python'));
  suiteTeardown(() => setSetting('editor', 'codeActionsOnSave', undefined, 'python'));

  test('saving applies the safe fixes', async () => {
    const { document, editor } = await openFixture('models/save_fix.py');
    await waitForDiagnostics(document.uri, 'DG101');
    // An edit makes the save a real one (VS Code skips participants for a clean file).
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# saved by the e2e test\n')));
    await vscode.commands.executeCommand('workbench.action.files.save');
    await waitFor('the file to be saved clean', () => !document.isDirty);
    const line = lineOf(document, 'F.conv2d(');
    assert.equal(document.lineAt(line).text.trim(), 'return F.conv2d(x, self.weight, bias.to(x.dtype), padding=1)');
    await waitFor('the DG101 diagnostic to clear', () => guardDiagnostics(document.uri, 'DG101').length === 0);
    assert.deepEqual(await fixable(document.uri), []);
    const saved = Buffer.from(await vscode.workspace.fs.readFile(document.uri)).toString('utf8');
    assert.ok(saved.includes('bias.to(x.dtype)'), 'the fix is not on disk');
  });
});
