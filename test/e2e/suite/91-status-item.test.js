// The status item counts the Python file on screen, also when the Output panel has the focus (then
// the active text editor is the output pane, not the Python file), and the log starts with the
// versions, folders and settings.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { openFixture, waitFor, waitForDiagnostics } = require('./helpers');

const api = () => vscode.extensions.getExtension('dtype-guard.dtype-guard').exports;

suite('status item', () => {
  test('with the Output panel focused it still counts the Python file on screen', async () => {
    const { document } = await openFixture('models/status_head.py');
    await waitForDiagnostics(document.uri, 'DG101');
    await waitFor('the status to count the finding', () => api().status().text === 'Dtype Guard: 1 finding');
    await vscode.commands.executeCommand('dtypeGuard.showLogs');
    await vscode.commands.executeCommand('workbench.action.focusPanel');
    const output = await waitFor('the output pane to be the active text editor', () => {
      const active = vscode.window.activeTextEditor;
      return active && active.document.uri.scheme === 'output' ? active : undefined;
    });
    assert.notEqual(output.document.uri.toString(), document.uri.toString());
    // The refresh runs on the editor change: poll, then check that it stayed.
    await waitFor('the status to keep counting the Python file', () => api().status().text === 'Dtype Guard: 1 finding');
    assert.equal(api().status().text, 'Dtype Guard: 1 finding');
  });

  test('the log starts with the version, the folder and its settings', async () => {
    const log = await waitFor('the Dtype Guard log in the output pane', () => {
      const pane = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'output');
      const text = pane?.document.getText() ?? '';
      return /Dtype Guard \d+\.\d+\.\d+ \(VS Code/.test(text) ? text : undefined;
    });
    assert.match(log, /folder .*workspace: settings \{"enable":true,"diagnosticMode":"openFiles"/);
    assert.match(log, /server started/);
  });
});
