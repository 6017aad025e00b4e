// Hover in the real editor, on a flagged call and on a config; workspace mode reporting files nobody opened.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { fixtureUri, lineOf, openFixture, setSetting, waitFor, waitForDiagnostics, guardDiagnostics } = require('./helpers');

/** The markdown of every hover VS Code would show at a position. */
async function hoverText(uri, position) {
  const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

suite('hover and workspace mode', () => {
  suiteTeardown(() => setSetting('dtypeGuard', 'diagnosticMode', undefined));

  test('hover on a flagged call explains the finding', async () => {
    const { document } = await openFixture('models/severity_live.py');
    const [diagnostic] = await waitForDiagnostics(document.uri, 'DG101');
    const text = await waitFor('a Dtype Guard hover', async () => {
      const t = await hoverText(document.uri, diagnostic.range.start);
      return t.includes('Dtype Guard (DG101)') ? t : undefined;
    });
    assert.match(text, /Breaks under `half`/);
    assert.match(text, /Documentation for DG101/);
  });

  test('hover on fp16 in a config says AMP is on', async () => {
    // Not scale_head_fp16.py: the config scenario turns AMP off there.
    const { document } = await openFixture('configs/scale_head_fp16_hover.py');
    const position = new vscode.Position(lineOf(document, 'fp16 ='), 1);
    const text = await waitFor('a config hover', async () => {
      const t = await hoverText(document.uri, position);
      return /AMP is on/.test(t) ? t : undefined;
    });
    assert.match(text, /`fp16`/);
  });

  test('workspace mode reports a flagged file that is not open', async () => {
    const closed = fixtureUri('models/unopened_head.py');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === closed.toString()), 'the file must stay closed');
    assert.deepEqual(guardDiagnostics(closed), []);
    await setSetting('dtypeGuard', 'diagnosticMode', 'workspace');
    const [diagnostic] = await waitForDiagnostics(closed, 'DG101', 45_000);
    assert.equal(diagnostic.range.start.line, 14);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === closed.toString()), 'reporting must not open it');
  });
});
