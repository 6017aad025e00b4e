// scripts/ecosystem-clone.mjs against local git remotes: fetches a missing tree at its pinned
// commit, leaves present ones alone, and fails cleanly when the host cannot be reached.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../scripts/ecosystem/paths.mjs';

const script = path.join(projectRoot, 'scripts', 'ecosystem-clone.mjs');
const bases = [];
after(() => bases.forEach((b) => rmSync(b, { recursive: true, force: true })));
/** A fresh temporary folder, removed when the tests end. */
function tempBase() {
  const base = mkdtempSync(path.join(tmpdir(), 'dg-eco-'));
  bases.push(base);
  return base;
}
const git = (args, cwd) =>
  spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' });

/** A bare remote `<host>/acme/vision.git` with two commits; returns the host folder and the first sha. */
function remoteWithTwoCommits(base) {
  const src = path.join(base, 'src');
  mkdirSync(src);
  git(['init', '-q'], src);
  writeFileSync(path.join(src, 'model.py'), 'import torch\n\nSCALE = 1\n');
  git(['add', 'model.py'], src);
  git(['commit', '-qm', 'first'], src);
  const sha = git(['rev-parse', 'HEAD'], src).stdout.trim();
  writeFileSync(path.join(src, 'model.py'), 'import torch\n\nSCALE = 2\n');
  git(['commit', '-qam', 'second'], src);
  const host = path.join(base, 'host');
  mkdirSync(path.join(host, 'acme'), { recursive: true });
  git(['clone', '-q', '--bare', src, path.join(host, 'acme', 'vision.git')], base);
  return { host, sha };
}

function clone(base, lines, remote) {
  const list = path.join(base, 'repos.txt');
  writeFileSync(list, lines.join('\n') + '\n');
  const root = path.join(base, 'root');
  const env = { ...process.env, DTYPE_GUARD_ECOSYSTEM: root, DTYPE_GUARD_ECOSYSTEM_REMOTE: remote };
  return { root, run: spawnSync(process.execPath, [script, '--repos', list], { encoding: 'utf8', env }) };
}

test('a missing tree is fetched at its pinned commit, not at the branch head', () => {
  const base = tempBase();
  const { host, sha } = remoteWithTwoCommits(base);
  const { root, run } = clone(base, [`acme/vision ${sha}`], `file://${host}`);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(readFileSync(path.join(root, 'vision', 'model.py'), 'utf8'), 'import torch\n\nSCALE = 1\n');
  assert.equal(git(['rev-parse', 'HEAD'], path.join(root, 'vision')).stdout.trim(), sha);
});

test('a tree already there is left alone', () => {
  const base = tempBase();
  mkdirSync(path.join(base, 'root', 'vision'), { recursive: true });
  writeFileSync(path.join(base, 'root', 'vision', 'mine.py'), 'x = 1\n');
  const { run } = clone(base, [`acme/vision ${'0'.repeat(40)}`], 'file:///nowhere');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /present +vision/);
  assert.equal(readFileSync(path.join(base, 'root', 'vision', 'mine.py'), 'utf8'), 'x = 1\n');
});

test('an unreachable host fails with one line per repository and leaves nothing behind', () => {
  const base = tempBase();
  const sha = 'a8073c74bf83d62ec36a103f835faa4837fb6585';
  const { root, run } = clone(base, [`acme/vision ${sha}`, `acme/detect ${sha}`], `file://${path.join(base, 'no-host')}`);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /could not fetch acme\/vision at a8073c7\w+ from file:\/\/.*no-host\/acme\/vision\.git: /);
  assert.match(run.stderr, /could not fetch acme\/detect /);
  assert.match(run.stderr, /2 of 2 trees missing/);
  assert.equal(existsSync(root), false, 'no empty root for the check to mistake for the trees');
});

test('a malformed repository list is a usage error', () => {
  const base = tempBase();
  const { run } = clone(base, ['acme/vision main'], 'file:///nowhere');
  assert.equal(run.status, 2);
  assert.match(run.stderr, /line 1: expected "owner\/name <40-hex sha>"/);
});
