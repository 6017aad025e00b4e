// _base_ resolution: cache validity when a base changes, reads confined to the workspace, FIFOs and
// links never followed, package references through site-packages, very deep chains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { core } from '../helpers/core.mjs';

function tempWorkspace(files) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dg-resolve-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const amp = (file, text, workspace, session) =>
  core.internals.ampSources(core.internals.effectiveConfig(file, text, workspace, { session }).values).map((s) => s.label);

test('a cached resolution is not reused once a base file changed on disk', () => {
  const dir = tempWorkspace({
    'configs/base.py': 'fp16 = dict(loss_scale=512.)\n',
    'configs/child.py': "_base_ = './base.py'\n",
  });
  try {
    const workspace = core.diskWorkspace([dir]);
    const session = new core.AnalysisSession();
    const child = path.join(dir, 'configs/child.py');
    const text = "_base_ = './base.py'\n";
    assert.deepEqual(amp(child, text, workspace, session), ['fp16 = dict(...)']);
    writeFileSync(path.join(dir, 'configs/base.py'), 'fp16 = None\n');
    assert.deepEqual(amp(child, text, workspace, session), []);
    assert.ok(session.fileChanged(path.join(dir, 'configs/base.py')) >= 1, 'the entries that read the base are dropped');
    assert.equal(session.fileChanged(path.join(dir, 'configs/base.py')), 0);
    session.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bases outside the workspace, links leaving it and FIFOs are not read', () => {
  const outside = tempWorkspace({ 'outside.py': 'fp16 = dict()\n' });
  const dir = tempWorkspace({});
  try {
    symlinkSync(path.join(outside, 'outside.py'), path.join(dir, 'link.py'));
    execFileSync('mkfifo', [path.join(dir, 'fifo.py')]);
    const workspace = core.diskWorkspace([dir]);
    const rel = path.relative(dir, path.join(outside, 'outside.py'));
    const text = `_base_ = ['${rel}', './link.py', './fifo.py']\n`;
    const file = path.join(dir, 'child.py');
    const config = core.internals.effectiveConfig(file, text, workspace);
    assert.deepEqual(
      config.links.map((l) => l.status),
      ['outside', 'missing', 'missing'],
    );
    assert.deepEqual(core.internals.ampSources(config.values), []);
    // a base above the workspace is shown in the hover, not reported: the workspace is a sub-folder
    const findings = core.analyze(text, { path: file, workspace });
    assert.deepEqual(
      findings.map((f) => `${f.code}@${f.range.start.character}`),
      ['DG205@' + text.indexOf("'./link.py'"), 'DG205@' + text.indexOf("'./fifo.py'")],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
});

test('pkg:: references resolve in a site-packages folder, and stay silent when the package is absent', () => {
  const files = new Map([
    ['/sp/mmdet/.mim/configs/_base_/schedules/amp.py', "optim_wrapper = dict(type='AmpOptimWrapper')\n"],
    ['/ws/configs/mine.py', ''],
  ]);
  const workspace = { roots: ['/ws'], sitePackages: ['/sp'], readFile: (f) => files.get(f) };
  const text = "_base_ = 'mmdet::_base_/schedules/amp.py'\n";
  const config = core.internals.effectiveConfig('/ws/configs/mine.py', text, workspace);
  assert.deepEqual(
    config.links.map((l) => [l.status, l.file]),
    [['ok', '/sp/mmdet/.mim/configs/_base_/schedules/amp.py']],
  );
  const findings = core.analyze(text, { path: '/ws/configs/mine.py', workspace });
  assert.deepEqual(
    findings.map((f) => f.code),
    ['DG202'],
  );
  const absent = "_base_ = 'mmpose::_base_/default_runtime.py'\n";
  assert.equal(core.internals.effectiveConfig('/ws/configs/mine.py', absent, workspace).links[0].status, 'unresolved-package');
  assert.deepEqual(core.analyze(absent, { path: '/ws/configs/mine.py', workspace }), []);
});

test('a chain deeper than the limit is cut with a diagnostic, not followed to the end', () => {
  /** @type {Record<string, string>} */
  const files = {};
  for (let i = 0; i < 100; i++) files[`/ws/configs/c${i}.py`] = i === 99 ? 'fp16 = dict()\n' : `_base_ = './c${i + 1}.py'\n`;
  const workspace = core.memoryWorkspace(files, ['/ws']);
  const findings = core.analyze(files['/ws/configs/c0.py'], { path: '/ws/configs/c0.py', workspace });
  assert.deepEqual(
    findings.map((f) => f.code),
    ['DG205'],
  );
  assert.match(findings[0].message, /deeper than/);
});
