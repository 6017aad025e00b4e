// An OpenMMLab config that turns fp16 on gets the DG201 hint; its fix writes `fp16 = None`.
// Needs DG201 (the config rules): skipped, saying so, on a build whose rule registry lacks it.
'use strict';
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');
const { lineOf, openFixture, quickFixesFor, waitFor, waitForDiagnostics } = require('./helpers');

suite('config with fp16', () => {
  test('fp16 = dict(...) shows the hint and the fix turns AMP off', async function () {
    const extension = vscode.extensions.getExtension('dtype-guard.dtype-guard');
    const { rules } = require(path.join(extension.extensionPath, 'dist', 'core.js'));
    if (!rules.some((r) => r.code === 'DG201')) {
      console.warn('DG201 is not in this build: the config scenario is skipped');
      this.skip();
    }
    const { document } = await openFixture('configs/scale_head_fp16.py');
    const [diagnostic] = await waitForDiagnostics(document.uri, 'DG201');
    const line = lineOf(document, 'fp16 = dict(');
    assert.equal(diagnostic.range.start.line, line);
    assert.ok(diagnostic.severity >= vscode.DiagnosticSeverity.Information, 'DG201 is a hint or information by default');
    const [preferred] = (await quickFixesFor(document.uri, diagnostic)).filter((a) => a.isPreferred);
    assert.ok(preferred, 'no preferred fix for DG201');
    assert.ok(await vscode.workspace.applyEdit(preferred.edit));
    await waitFor('fp16 = None', () => document.getText().includes('fp16 = None'));
    assert.ok(!document.getText().includes('loss_scale=512.'));
  });
});
