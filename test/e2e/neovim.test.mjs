// A second, independent LSP client: headless Neovim 0.7 (Debian's), which only takes push
// diagnostics, gets the DG101 diagnostic, the code action menu, and a clear after an incremental edit.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

test('Neovim 0.7 shows the diagnostic, offers the actions and clears it after an edit', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dtype-guard-nvim-'));
  try {
    const file = path.join(dir, 'head.py');
    copyFileSync(path.join(root, 'test', 'fixtures', 'editor', 'flagged.py'), file);
    const out = path.join(dir, 'result.json');
    execFileSync(
      'nvim',
      ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(here, 'neovim', 'client.lua')}`],
      {
        env: { ...process.env, DG_SERVER: path.join(root, 'dist', 'server.js'), DG_FILE: file, DG_OUT: out, HOME: dir },
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: 120_000,
      },
    );
    const result = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(result.error, undefined, result.error);
    const steps = Object.fromEntries(result.steps.map((s) => [s.name, s.value]));
    assert.equal(steps.diagnostics.published, true, 'no diagnostics were published to Neovim');
    assert.deepEqual(
      steps.diagnostics.items.map((d) => [d.code, d.lnum, d.source]),
      [['DG101', 14, 'Dtype Guard']],
    );
    assert.match(steps['code actions'][0], /^Dtype Guard \(DG101\): /);
    assert.ok(steps['code actions'].includes('Dtype Guard (DG101): Disable for this line'));
    assert.equal(steps['cleared after typing the fix'], true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
