// The packaged VSIX, installed into code-server with --install-extension: it activates and reports a diagnostic.
'use strict';
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');
const { lineOf, openFixture, waitFor, waitForDiagnostics } = require('../suite/helpers');

suite('installed VSIX', () => {
  test('is installed in the extensions folder, not loaded from the repository', () => {
    const extension = vscode.extensions.getExtension('dtype-guard.dtype-guard');
    assert.ok(extension, 'dtype-guard.dtype-guard is not installed');
    const repoRoot = path.resolve(__dirname, '..', '..', '..');
    assert.ok(!extension.extensionPath.startsWith(repoRoot + path.sep + 'dist'), extension.extensionPath);
    assert.notEqual(extension.extensionPath, repoRoot);
    assert.match(path.basename(extension.extensionPath), /^dtype-guard\.dtype-guard-/);
  });

  test('activates on a Python file and reports DG101 from the bundled server and wasm', async () => {
    const { document } = await openFixture('models/quick_fix.py');
    const [diagnostic] = await waitForDiagnostics(document.uri, 'DG101', 60_000);
    assert.equal(diagnostic.range.start.line, lineOf(document, 'F.conv2d('));
    const extension = vscode.extensions.getExtension('dtype-guard.dtype-guard');
    await waitFor('the extension to be active', () => extension.isActive);
  });
});
