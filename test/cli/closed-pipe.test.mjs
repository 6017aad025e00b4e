// A reader that stops early (`dtype-guard check . | head -1`) closes the pipe: the CLI stops quietly.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { built } from '../helpers/dist.mjs';
const cli = built('cli.js');

test('stdout closed by the reader after the first line: no EPIPE stack, the exit code of the findings', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'dg-pipe-'));
  const body = 'import torch\nimport torch.nn.functional as F\n\n\ndef f(x, w):\n    return F.conv2d(x, w, torch.zeros(4))\n';
  // Enough findings that the output outgrows the pipe's buffer after the reader has gone.
  for (let i = 0; i < 400; i++) writeFileSync(path.join(root, `m${i}.py`), body.repeat(5));
  const child = spawn(process.execPath, [cli, 'check', '--jobs', '1', '.'], { cwd: root });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise((resolve) => child.on('close', (c) => resolve(c)));
  assert.doesNotMatch(stderr, /EPIPE|Unhandled/, stderr);
  assert.ok(code === 0 || code === 1, `exit code ${code}`);
});
