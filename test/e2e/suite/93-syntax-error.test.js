// A syntax error mid-edit: an unclosed `torch.cat([x, ` in one method keeps the findings of the other
// module and the method's own (moved with its line), and the status item says a part did not parse.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { guardDiagnostics, lineOf, openFixture, waitFor, waitForDiagnostics } = require('./helpers');

const api = () => vscode.extensions.getExtension('dtype-guard.dtype-guard').exports;

suite('syntax error mid-edit', () => {
  test('findings stay while a method does not parse, and the status says so', async () => {
    const { document, editor } = await openFixture('models/mid_edit.py');
    await waitFor('two findings', async () => (await waitForDiagnostics(document.uri, 'DG101')).length === 2);
    const call = lineOf(document, 'bias = torch.zeros(4') + 1;
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(call, 0), '        y = torch.cat([x, \n')));
    const status = await waitFor('the status to tell of the syntax error', () => {
      const text = api().status().text;
      return text.includes('syntax error') ? text : undefined;
    });
    assert.equal(status, 'Dtype Guard: 2 findings, syntax error on line 26 (RegHead.forward): last findings kept');
    const lines = guardDiagnostics(document.uri, 'DG101')
      .map((d) => d.range.start.line + 1)
      .sort((a, b) => a - b);
    assert.deepEqual(lines, [15, 27], 'both findings, the edited one on its moved line');

    // Closing the bracket: analysed again, the note goes away.
    const open = document.lineAt(call).text.length;
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(call, open), 'x])')));
    await waitFor('the status to drop the note', () => api().status().text === 'Dtype Guard: 2 findings');
    assert.deepEqual(
      guardDiagnostics(document.uri, 'DG101')
        .map((d) => d.range.start.line + 1)
        .sort((a, b) => a - b),
      [15, 27],
    );
  });
});
