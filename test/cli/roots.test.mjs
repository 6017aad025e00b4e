// Config resolution in a CLI run reads only the project being checked, never a parent folder that is
// merely named `configs`, and a base fixed earlier in the run is seen fixed by the configs after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { built } from '../helpers/dist.mjs';

const cli = built('cli.js');
const run = (args, cwd) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });

test('a base outside the checked project is not read', () => {
  const top = mkdtempSync(path.join(tmpdir(), 'dg-roots-'));
  const project = path.join(top, 'configs', 'proj');
  mkdirSync(path.join(project, 'configs'), { recursive: true });
  mkdirSync(path.join(top, 'configs', 'other'), { recursive: true });
  writeFileSync(path.join(top, 'configs', 'other', 'secret_amp.py'), 'fp16 = dict(loss_scale=512.)\n');
  writeFileSync(path.join(project, 'configs', 'a.py'), "_base_ = ['../../other/secret_amp.py']\n");
  const r = run(['check', '--format', 'json', '.'], project);
  assert.doesNotMatch(r.stdout, /DG202/, r.stdout);
  assert.doesNotMatch(r.stdout, /secret_amp/);
});

test('a base fixed by --fix is read fixed by the configs that inherit it in the same run', () => {
  const project = mkdtempSync(path.join(tmpdir(), 'dg-fixrun-'));
  mkdirSync(path.join(project, 'configs'));
  writeFileSync(path.join(project, 'configs', 'a_base.py'), 'fp16 = dict(loss_scale=512.)\n');
  writeFileSync(path.join(project, 'configs', 'b_child.py'), "_base_ = './a_base.py'\nlr = 0.01\n");
  const r = run(['check', '--fix', '--unsafe-fixes', '--jobs', '1', '.'], project);
  assert.match(readFileSync(path.join(project, 'configs', 'a_base.py'), 'utf8'), /^fp16 = None$/m);
  assert.doesNotMatch(r.stdout, /DG202/, r.stdout);
});
