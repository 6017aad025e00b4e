// A model file opened for the first time gets its DG101 squiggle. The time from the editor showing the
// text to the diagnostic is written to .work/timings.jsonl for bench/first-squiggle.mjs to report;
// nothing here asserts on it (tests never time things).
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { fixtureUri, lineOf, waitForDiagnostics } = require('./helpers');

const TIMINGS = path.join(__dirname, '..', '.work', 'timings.jsonl');

/** Copies a flagged fixture to a new file of the workspace, opens it and waits for its squiggle. */
async function firstSquiggle(name) {
  const uri = fixtureUri(`models/${name}`);
  await vscode.workspace.fs.writeFile(uri, await vscode.workspace.fs.readFile(fixtureUri('models/quick_fix.py')));
  try {
    const extensionWasActive = !!vscode.extensions.getExtension('dtype-guard.dtype-guard')?.isActive;
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    const shown = performance.now();
    const [diagnostic] = await waitForDiagnostics(document.uri, 'DG101');
    const ms = performance.now() - shown;
    assert.equal(diagnostic.range.start.line, lineOf(document, 'F.conv2d('));
    fs.mkdirSync(path.dirname(TIMINGS), { recursive: true });
    fs.appendFileSync(TIMINGS, JSON.stringify({ file: name, extensionWasActive, ms: Math.round(ms) }) + '\n');
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(uri);
  }
}

suite('first squiggle', () => {
  test('a model file opened for the first time gets its DG101 squiggle', () => firstSquiggle('first_open_a.py'));
  test('another new file opened in the running window gets its squiggle', () => firstSquiggle('first_open_b.py'));
});
