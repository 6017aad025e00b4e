// dtypeGuard.severity changes a finding's severity live, and "off" hides it, without reopening the file.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { guardDiagnostics, openFixture, setSetting, waitFor, waitForDiagnostics, waitForNoDiagnostics } = require('./helpers');

suite('severity override', () => {
  suiteTeardown(() => setSetting('dtypeGuard', 'severity', undefined));

  test('DG101 becomes an error, then off, then back to a warning', async () => {
    const { document } = await openFixture('models/severity_live.py');
    const [before] = await waitForDiagnostics(document.uri, 'DG101');
    assert.equal(before.severity, vscode.DiagnosticSeverity.Warning);

    await setSetting('dtypeGuard', 'severity', { DG101: 'error' });
    await waitFor('DG101 as an error', () =>
      guardDiagnostics(document.uri, 'DG101').some((d) => d.severity === vscode.DiagnosticSeverity.Error),
    );

    await setSetting('dtypeGuard', 'severity', { DG101: 'off' });
    await waitForNoDiagnostics(document.uri, 'DG101');

    await setSetting('dtypeGuard', 'severity', undefined);
    await waitFor('DG101 back as a warning', () =>
      guardDiagnostics(document.uri, 'DG101').some((d) => d.severity === vscode.DiagnosticSeverity.Warning),
    );
  });
});
