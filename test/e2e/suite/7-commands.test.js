// The "Dtype Guard" commands: fix all problems in this file, restart the server, show logs.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { guardDiagnostics, openFixture, waitFor, waitForDiagnostics } = require('./helpers');

suite('commands', () => {
  test('the commands are contributed under the Dtype Guard category', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['dtypeGuard.fixAll', 'dtypeGuard.restartServer', 'dtypeGuard.showLogs']) assert.ok(all.includes(id), id);
    const manifest = vscode.extensions.getExtension('dtype-guard.dtype-guard').packageJSON;
    assert.deepEqual(new Set(manifest.contributes.commands.map((c) => c.category)), new Set(['Dtype Guard']));
  });

  test('restart server: diagnostics come back from the new server', async () => {
    const { document } = await openFixture('models/safe_head.py');
    const flagged = await openFixture('models/severity_live.py');
    await waitForDiagnostics(flagged.document.uri, 'DG101');
    await vscode.commands.executeCommand('dtypeGuard.restartServer');
    await waitForDiagnostics(flagged.document.uri, 'DG101');
    assert.deepEqual(guardDiagnostics(document.uri), []);
  });

  test('fix all problems in this file', async () => {
    const { document, editor } = await openFixture('models/quick_fix.py');
    // Undo the earlier quick-fix scenario's change so that the file is flagged again.
    const text = document.getText().replace('bias.to(x.dtype)', 'bias');
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    assert.ok(await editor.edit((b) => b.replace(whole, text)));
    await waitForDiagnostics(document.uri, 'DG101');
    await vscode.commands.executeCommand('dtypeGuard.fixAll');
    await waitFor('the fix to be applied', () => document.getText().includes('bias.to(x.dtype)'));
    await waitFor('the diagnostic to clear', () => guardDiagnostics(document.uri, 'DG101').length === 0);
  });

  test('show logs runs without error', async () => {
    await vscode.commands.executeCommand('dtypeGuard.showLogs');
  });
});
