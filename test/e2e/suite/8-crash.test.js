// A server that dies is restarted by the client, and the new one serves diagnostics again.
'use strict';
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const vscode = require('vscode');
const { lineOf, openFixture, waitFor, waitForDiagnostics, waitForNoDiagnostics } = require('./helpers');

/** Process ids of the language servers this extension host started (node children running dist/server.js). */
function serverPids() {
  try {
    const out = execFileSync('pgrep', ['-P', String(process.pid), '-f', 'dist/server.js'], { encoding: 'utf8' });
    return out.split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

suite('server crash', () => {
  test('a killed server is restarted and analyses edits again', async () => {
    const { document, editor } = await openFixture('models/safe_head.py');
    await waitFor('a running server', () => serverPids().length === 1);
    const [before] = serverPids();
    process.kill(before, 'SIGKILL');
    const [after] = await waitFor('a new server process', () => {
      const pids = serverPids();
      return pids.length === 1 && pids[0] !== before ? pids : undefined;
    });
    assert.notEqual(after, before);

    const line = lineOf(document, 'dtype=x.dtype');
    const at = document.lineAt(line).text.indexOf(', dtype=x.dtype');
    const span = new vscode.Range(line, at, line, at + ', dtype=x.dtype'.length);
    assert.ok(await editor.edit((b) => b.delete(span)));
    await waitForDiagnostics(document.uri, 'DG101');
    assert.ok(await editor.edit((b) => b.insert(span.start, ', dtype=x.dtype')));
    await waitForNoDiagnostics(document.uri, 'DG101');
  });
});
