// Generate a dtype test from the light bulb on a class (the file is written and opened), and log operand dtypes.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const vscode = require('vscode');
const { fixtureUri, lineOf, openFixture, waitFor } = require('./helpers');

/** Dtype Guard's code actions at a position (every kind the light bulb shows). */
async function actionsAt(uri, line, character) {
  const range = new vscode.Range(line, character, line, character);
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range);
  return (actions ?? []).filter((a) => a.title.startsWith('Dtype Guard'));
}

suite('dtype test and dtype logging', () => {
  test('Generate a dtype test on a class writes tests/test_<module>_dtypes.py and opens it', async () => {
    const { document } = await openFixture('models/dtype_block.py');
    const line = lineOf(document, 'class DtypeBlock');
    const action = await waitFor('the generate action on the class', async () =>
      (await actionsAt(document.uri, line, 8)).find((a) => a.title === 'Dtype Guard: Generate a dtype test for DtypeBlock'),
    );
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    const testUri = fixtureUri('tests/test_dtype_block_dtypes.py');
    await waitFor(
      'the test file to be opened',
      () => vscode.window.activeTextEditor?.document.uri.toString() === testUri.toString(),
    );
    const text = fs.readFileSync(testUri.fsPath, 'utf8');
    assert.match(text, /^from models\.dtype_block import DtypeBlock {2}# noqa: E402$/m);
    assert.match(text, /in_channels = 8 {2}# used as a tensor size/);
    assert.match(text, /^def test_dtype_block_dtypes\(regime\):$/m);
    assert.equal(vscode.window.activeTextEditor.document.getText(), text);
  });

  test('Log operand dtypes here inserts one debug line before the conv call', async () => {
    const { document } = await openFixture('models/dtype_block.py');
    const line = lineOf(document, 'F.conv2d(');
    const actions = await actionsAt(document.uri, line, document.lineAt(line).text.indexOf('F.conv2d') + 2);
    const log = actions.find((a) => a.title === 'Dtype Guard: Log operand dtypes here');
    assert.ok(log, `offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(log.edit), 'VS Code refused the edit');
    await waitFor('the debug line', () => lineOf(document, 'logger.debug("F.conv2d operands') >= 0);
    const debug = lineOf(document, 'logger.debug(');
    assert.equal(lineOf(document, 'F.conv2d('), debug + 1);
    assert.ok(lineOf(document, 'logger = logging.getLogger(__name__)') > 0);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
