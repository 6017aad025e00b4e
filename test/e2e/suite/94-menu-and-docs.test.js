// The light-bulb menu with ruff's titles and fix-all, "Show documentation" opening the page bundled
// with the extension in the Markdown preview (offline), and the Problems panel, pictured for the docs.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { openFixture, waitFor, waitForDiagnostics } = require('./helpers');
const { screenshot } = require('./screenshot');

async function lightBulb(uri, range) {
  const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range, 'quickfix')) ?? [];
  return actions.filter((a) => a.title.startsWith('Dtype Guard'));
}

const previewTab = (name) =>
  vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputWebview && t.label.includes(name));

suite('menu and documentation', () => {
  test('the light bulb: fixes, a dtype test for the class, disable for this line, documentation, disable for the file, fix all', async () => {
    const { document, editor } = await openFixture('models/two_heads.py');
    const diagnostics = await waitFor('both findings', async () => {
      const found = await waitForDiagnostics(document.uri, 'DG101');
      return found.length === 2 ? found : undefined;
    });
    const [first] = diagnostics.sort((a, b) => a.range.start.line - b.range.start.line);
    const titles = (await lightBulb(document.uri, first.range)).map((a) => a.title);
    assert.deepEqual(titles, [
      'Dtype Guard (DG101): Cast cls_bias to x.dtype',
      'Dtype Guard (DG101): Create cls_bias with dtype=x.dtype',
      'Dtype Guard: Generate a dtype test for TwoHeads',
      'Dtype Guard (DG101): Disable for this line',
      'Dtype Guard (DG101): Show documentation',
      'Dtype Guard: Disable for this file',
      'Dtype Guard: Fix all problems',
    ]);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    editor.selection = new vscode.Selection(first.range.start, first.range.start);
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await screenshot('code-actions', { selector: '.action-widget', area: '.part.editor' });
    await vscode.commands.executeCommand('hideCodeActionWidget');
  });

  test('show documentation opens the bundled page in the Markdown preview', async () => {
    const { document } = await openFixture('models/two_heads.py');
    const [diagnostic] = await waitForDiagnostics(document.uri, 'DG101');
    const docs = (await lightBulb(document.uri, diagnostic.range)).find((a) => a.title.endsWith('Show documentation'));
    assert.ok(docs && docs.command, 'no Show documentation action');
    await vscode.commands.executeCommand(docs.command.command, ...(docs.command.arguments ?? []));
    const tab = await waitFor('the preview of DG101.md', () => previewTab('DG101.md'));
    assert.match(tab.label, /Preview DG101\.md/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('the Problems panel lists short messages', async () => {
    const config = await openFixture('configs/scale_head_fp16_hover.py');
    const [hint] = await waitForDiagnostics(config.document.uri, 'DG201');
    assert.equal(hint.message, 'fp16 = dict(...) turns on fp16 AMP (loss scale 512.0)');
    const { document } = await openFixture('models/two_heads.py');
    for (const d of await waitForDiagnostics(document.uri, 'DG101')) assert.ok(d.message.length <= 90, d.message);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('problems', { selector: '.markers-panel .monaco-list-row', area: '.part.panel' });
  });
});
