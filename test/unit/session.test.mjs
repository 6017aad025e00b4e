// The analysis session: its caches are its own, and one call of `fileChanged` is all a caller does
// when a file changes (configs that read it, remembered disk reads, the registry).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { core } from '../helpers/core.mjs';

const BASE = '/ws/configs/_base_/amp.py';
const CHILD = '/ws/configs/child.py';
const CHILD_TEXT = "_base_ = ['./_base_/amp.py']\n";

/** A workspace whose files the test changes in place (memoryWorkspace copies its input). */
function liveWorkspace(files) {
  const map = new Map(Object.entries(files));
  return {
    map,
    workspace: {
      roots: ['/ws'],
      readFile: (file) => map.get(path.resolve(file)),
      pythonFiles: () => [...map.keys()].filter((f) => f.endsWith('.py')).sort(),
    },
  };
}

const codes = (findings) => findings.map((f) => f.code);

test('two sessions share no cache', () => {
  const { workspace } = liveWorkspace({ [BASE]: "optim_wrapper = dict(type='AmpOptimWrapper')\n", [CHILD]: CHILD_TEXT });
  const a = new core.AnalysisSession({ ownParser: false });
  const b = new core.AnalysisSession({ ownParser: false });
  assert.deepEqual(codes(core.analyze(CHILD_TEXT, { path: CHILD, workspace, session: a })), ['DG202']);
  assert.ok(a.configs.has(CHILD), 'the child config is remembered by the session that analysed it');
  assert.equal(b.configs.size, 0);
  assert.equal(b.codeFindings.size, 0);
});

test('fileChanged drops the configs that read the file and says how many others did', () => {
  const { workspace } = liveWorkspace({ [BASE]: "optim_wrapper = dict(type='AmpOptimWrapper')\n", [CHILD]: CHILD_TEXT });
  const session = new core.AnalysisSession({ ownParser: false });
  core.analyze(CHILD_TEXT, { path: CHILD, workspace, session });
  assert.ok(session.configs.has(CHILD));
  const before = session.generation;
  // an edited open document nobody else read: remembered reads stay valid
  assert.equal(session.fileChanged('/ws/configs/unrelated.py', { edited: true }), 0);
  assert.equal(session.generation, before);
  // the base, edited: the child read it, so it goes and remembered reads are forgotten
  assert.equal(session.fileChanged(BASE, { edited: true }), 1);
  assert.ok(!session.configs.has(CHILD));
  assert.equal(session.generation, before + 1);
  // a change on disk always forgets remembered reads
  assert.equal(session.fileChanged(BASE), 0);
  assert.equal(session.generation, before + 2);
});

test('a disk workspace memoised on a session reads a file again once the session is told it changed', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dg-session-'));
  try {
    mkdirSync(path.join(dir, 'configs', '_base_'), { recursive: true });
    const base = path.join(dir, 'configs', '_base_', 'amp.py');
    const child = path.join(dir, 'configs', 'child.py');
    writeFileSync(base, "optim_wrapper = dict(type='AmpOptimWrapper')\n");
    writeFileSync(child, CHILD_TEXT);
    const session = new core.AnalysisSession({ ownParser: false });
    const workspace = core.diskWorkspace([dir], { memo: session });
    const run = () => codes(core.analyze(CHILD_TEXT, { path: child, workspace, session }));
    assert.deepEqual(run(), ['DG202']);
    writeFileSync(base, "optim_wrapper = dict(type='OptimWrapper')\n");
    assert.deepEqual(run(), ['DG202'], 'an unreported change is not seen: the read is remembered');
    session.fileChanged(base);
    assert.deepEqual(run(), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("fileChanged reaches the session's registries", () => {
  const file = '/ws/models/conv.py';
  const { map, workspace } = liveWorkspace({
    [file]: '@MODELS.register_module()\nclass MyConv:\n    pass\n',
  });
  const session = new core.AnalysisSession({ ownParser: false });
  const registry = core.internals.registryOf(workspace, session);
  assert.equal(registry.lookup('MyConv').length, 1);
  map.set(file, "@MODELS.register_module(name='OtherConv')\nclass MyConv:\n    pass\n");
  assert.equal(registry.lookup('MyConv').length, 1, 'not read again before the change is reported');
  session.fileChanged(file, { edited: true });
  assert.equal(registry.lookup('MyConv').length, 0);
  assert.equal(registry.lookup('OtherConv').length, 1);
  assert.equal(core.internals.registryOf(workspace, session), registry, 'one registry per workspace and session');
});

test('a session keeps one parser until disposed; a session for one call borrows one per parse', () => {
  const session = new core.AnalysisSession();
  const parser = session.parser;
  assert.ok(parser);
  assert.equal(session.parser, parser);
  assert.equal(session.parseSyntax('x = 1\n').type, 'module');
  session.dispose();
  assert.notEqual(session.parser, parser, 'a disposed session makes a new parser when asked again');
  session.dispose();
  const transient = core.transientSession();
  assert.equal(transient.parser, undefined);
  assert.equal(transient.parseSyntax('y = 2\n').type, 'module');
});
