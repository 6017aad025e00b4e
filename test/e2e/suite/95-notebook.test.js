// A Jupyter notebook in the real editor: the class cell gets the squiggle (its bias comes from a helper
// in the cell above, so the cells are read as one module), the quick fix edits that cell, and
// notebook fix-all fixes it too. A screenshot of the squiggled cell is taken for the README.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const vscode = require('vscode');
const { screenshot } = require('./screenshot');
const { fixtureUri, guardDiagnostics, quickFixesFor, waitFor, waitForDiagnostics, waitForNoDiagnostics } = require('./helpers');

/** The cell of the notebook fixture holding the class (the third cell: markdown, helper, class). */
const CLASS_CELL = 2;

async function openNotebook(relative) {
  const notebook = await vscode.workspace.openNotebookDocument(fixtureUri(relative));
  const editor = await vscode.window.showNotebookDocument(notebook, { preview: false });
  return { notebook, editor };
}

suite('notebook', () => {
  test('a notebook cell gets the squiggle and its quick fix, and the cells are one module', async () => {
    const { notebook, editor } = await openNotebook('notebooks/fused_bias_conv.ipynb');
    const cell = notebook.cellAt(CLASS_CELL);
    const [diagnostic] = await waitForDiagnostics(cell.document.uri, 'DG101');
    assert.equal(diagnostic.range.start.line, 8, 'the conv call is line 9 of the class cell');
    assert.equal(diagnostic.message, 'bias is float32, input x is float16 under model.half()');
    for (let i = 0; i < notebook.cellCount; i++) {
      if (i !== CLASS_CELL)
        assert.deepEqual(guardDiagnostics(notebook.cellAt(i).document.uri), [], `cell ${i + 1} has no finding`);
    }

    // Earlier scenarios leave the output panel and notifications open: the screenshot shows the notebook.
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('notifications.clearAll');
    editor.revealRange(new vscode.NotebookRange(CLASS_CELL, CLASS_CELL + 1), vscode.NotebookEditorRevealType.InCenter);
    const shot = await screenshot('notebook-cell-squiggle', { selector: '.notebookOverlay .squiggly-warning' });
    assert.ok(fs.statSync(shot).size > 10_000, 'the screenshot has content');

    const actions = await quickFixesFor(cell.document.uri, diagnostic);
    assert.ok(actions.length > 0, 'no Dtype Guard code action offered on the cell');
    const [first] = actions;
    assert.equal(first.isPreferred, true, `the first action is not the preferred fix: ${first.title}`);
    assert.ok(await vscode.workspace.applyEdit(first.edit), 'VS Code refused the edit');
    await waitFor('the class cell to use the cast bias', () => cell.document.lineAt(8).text.includes('bias.to(x.dtype)'));
    assert.equal(cell.document.lineAt(8).text.trim(), 'return F.conv2d(x, self.weight, bias.to(x.dtype), padding=1)');
    await waitForNoDiagnostics(cell.document.uri, 'DG101');
    assert.equal(
      notebook
        .cellAt(CLASS_CELL - 1)
        .document.getText()
        .includes('torch.zeros(channels, device=device)'),
      true,
    );
  });

  test('notebook fix-all fixes the class cell', async () => {
    const { notebook } = await openNotebook('notebooks/fix_all.ipynb');
    const cell = notebook.cellAt(CLASS_CELL);
    await waitForDiagnostics(cell.document.uri, 'DG101');
    const range = new vscode.Range(0, 0, 0, 0);
    const kind = 'notebook.source.fixAll.dtypeGuard';
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', cell.document.uri, range, kind);
    const fixAll = (actions ?? []).find((a) => a.kind?.value === kind);
    assert.ok(fixAll, `no ${kind} action: ${JSON.stringify((actions ?? []).map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit), 'VS Code refused the edit');
    await waitForNoDiagnostics(cell.document.uri, 'DG101');
    assert.match(cell.document.getText(), /bias\.to\(x\.dtype\), padding=1\)$/);
  });
});
