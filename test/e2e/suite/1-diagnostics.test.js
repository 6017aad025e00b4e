// A flagged file shows Dtype Guard's diagnostic on the conv call, with its code, severity and docs link.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { lineOf, openFixture, waitForDiagnostics, waitForNoDiagnostics } = require('./helpers');

suite('diagnostics', () => {
  test('the extension activates on a Python file and reports DG101 on the conv call', async () => {
    const { document } = await openFixture('models/quick_fix.py');
    const [diagnostic] = await waitForDiagnostics(document.uri, 'DG101');
    assert.equal(diagnostic.range.start.line, lineOf(document, 'F.conv2d('));
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostic.message, /\bbias\b.*float32/);
    assert.match(String(diagnostic.code.target), /DG101\.md$/);
    const extension = vscode.extensions.getExtension('dtype-guard.dtype-guard');
    assert.ok(extension?.isActive, 'the extension is not active');
  });

  test('diagnostics follow the text while typing: the bug appears, then goes when undone', async () => {
    const { document, editor } = await openFixture('models/safe_head.py');
    const line = lineOf(document, 'dtype=x.dtype');
    const text = document.lineAt(line).text;
    const at = text.indexOf(', dtype=x.dtype');
    const span = new vscode.Range(line, at, line, at + ', dtype=x.dtype'.length);
    assert.ok(await editor.edit((b) => b.delete(span)));
    await waitForDiagnostics(document.uri, 'DG101');
    assert.ok(await editor.edit((b) => b.insert(span.start, ', dtype=x.dtype')));
    await waitForNoDiagnostics(document.uri, 'DG101');
    assert.equal(document.lineAt(line).text, text);
  });
});
