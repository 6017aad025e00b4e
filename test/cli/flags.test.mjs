// Every flag of `dtype-guard check` and the exit codes 0 / 1 / 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLEAN, POSITIVE, findingLines, project, run } from '../helpers/cli.mjs';
import { built } from '../helpers/dist.mjs';

const FIXED = POSITIVE.replace('bias, padding=1)', 'bias.to(x.dtype), padding=1)');

test('--version prints the package version and exits 0', () => {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
  const r = run(['--version']);
  assert.equal(r.status, 0);
  assert.equal(r.stdout.trim(), `dtype-guard ${version}`);
});

test('exit codes: 0 clean, 1 findings, 2 usage and configuration errors', () => {
  const root = project({
    'model.py': POSITIVE,
    'clean.py': CLEAN,
    'bad/pyproject.toml': '[tool.dtype-guard]\nselect = "DG1"\n',
    'bad/m.py': POSITIVE,
  });
  assert.equal(run(['check', 'clean.py'], { cwd: root }).status, 0);
  assert.equal(run(['check', 'model.py'], { cwd: root }).status, 1);
  assert.equal(run(['check', '--format', 'xml'], { cwd: root }).status, 2);
  assert.equal(run(['check', '--bogus'], { cwd: root }).status, 2);
  const bad = run(['check', 'bad'], { cwd: root });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^dtype-guard: error: .*pyproject\.toml: \[tool\.dtype-guard\] select must be a list of strings\n$/);
});

test('--exit-zero exits 0 with findings but still 2 on errors', () => {
  const root = project({ 'model.py': POSITIVE });
  const r = run(['check', '--exit-zero'], { cwd: root });
  assert.equal(r.status, 0);
  assert.deepEqual(findingLines(r.stdout), ['model.py:18']);
  assert.equal(run(['check', '--exit-zero', 'missing.py'], { cwd: root }).status, 2);
});

test('errors are one line on stderr; --verbose adds the stack', () => {
  const root = project({ 'model.py': POSITIVE });
  const plain = run(['check', '--config', 'nope.toml'], { cwd: root });
  assert.equal(plain.status, 2);
  assert.equal(plain.stderr.trim().split('\n').length, 1);
  const verbose = run(['check', '--verbose', '--config', 'nope.toml'], { cwd: root });
  assert.match(verbose.stderr, /\n\s+at .+:\d+:\d+/);
});

test('--select and --ignore take codes and prefixes, on top of the project settings', () => {
  const root = project({ 'model.py': POSITIVE, 'pyproject.toml': '[tool.dtype-guard]\nignore = ["DG101"]\n' });
  assert.equal(run(['check'], { cwd: root }).status, 0, 'the project ignores DG101');
  const sel = run(['check', '--select', 'DG1'], { cwd: root });
  assert.equal(sel.status, 0, '--select does not undo the project ignore');
  const other = project({ 'model.py': POSITIVE });
  assert.equal(run(['check', '--select', 'DG1'], { cwd: other }).status, 1);
  assert.equal(run(['check', '--select', 'DG2'], { cwd: other }).status, 0);
  assert.equal(run(['check', '--ignore', 'dg101'], { cwd: other }).status, 0);
  assert.equal(run(['check', '--select', 'DG9,DG101'], { cwd: other }).status, 1);
  assert.equal(run(['check', '--select', 'E501'], { cwd: other }).status, 2);
});

test('settings come from the nearest pyproject.toml upward from each file; --config overrides', () => {
  const root = project({
    'pyproject.toml': '[tool.dtype-guard]\nseverity = { DG101 = "error" }\n',
    'a/model.py': POSITIVE,
    'b/pyproject.toml': '[tool.dtype-guard]\nselect = ["DG2"]\n',
    'b/model.py': POSITIVE,
    'elsewhere.toml': '[tool.dtype-guard]\nignore = ["DG1"]\n',
  });
  const r = run(['check', '--format', 'json'], { cwd: root });
  const out = JSON.parse(r.stdout);
  assert.deepEqual(
    out.map((f) => [f.file, f.severity]),
    [['a/model.py', 'error']],
  );
  assert.equal(run(['check', '--config', 'elsewhere.toml'], { cwd: root }).status, 0);
});

test('--fix rewrites the file, reports what it fixed and exits by what is left', () => {
  const root = project({ 'model.py': POSITIVE });
  const r = run(['check', '--fix'], { cwd: root });
  assert.equal(r.status, 0, r.stdout);
  assert.equal(r.stdout, 'Fixed 1 finding.\nNo findings left.\n');
  assert.equal(readFileSync(path.join(root, 'model.py'), 'utf8'), FIXED);
  assert.equal(run(['check', '--fix'], { cwd: root }).stdout, 'No findings.\n', 'fixing twice changes nothing');
});

test('--diff prints a unified diff that patch applies, changes nothing, exits 1', () => {
  const root = project({ 'pkg/model.py': POSITIVE, 'clean.py': CLEAN });
  const r = run(['check', '--diff'], { cwd: root });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^--- a\/pkg\/model\.py\n\+\+\+ b\/pkg\/model\.py\n@@ -15,4 \+15,4 @@\n/);
  assert.match(r.stderr, /Would fix 1 finding\./);
  assert.equal(readFileSync(path.join(root, 'pkg/model.py'), 'utf8'), POSITIVE);
  const patched = spawnSync('patch', ['-p1'], { cwd: root, input: r.stdout, encoding: 'utf8' });
  assert.equal(patched.status, 0, patched.stderr);
  assert.equal(readFileSync(path.join(root, 'pkg/model.py'), 'utf8'), FIXED);
  const none = run(['check', '--diff'], { cwd: root });
  assert.equal(none.status, 0);
  assert.equal(none.stdout, '');
});

test('--stdin-filename checks stdin under that name and its settings; with --fix the fixed text goes to stdout', () => {
  const root = project({ 'pyproject.toml': '[tool.dtype-guard]\nexclude = ["skipped"]\n' });
  const r = run(['check', '--stdin-filename', 'src/model.py'], { cwd: root, input: POSITIVE });
  assert.equal(r.status, 1);
  assert.deepEqual(findingLines(r.stdout), ['src/model.py:18']);
  const fixed = run(['check', '--fix', '--stdin-filename', 'src/model.py'], { cwd: root, input: POSITIVE });
  assert.equal(fixed.stdout, FIXED);
  assert.equal(fixed.status, 0);
  const diff = run(['check', '--diff', '--stdin-filename', 'src/model.py'], { cwd: root, input: POSITIVE });
  assert.match(diff.stdout, /^--- a\/src\/model\.py\n/);
  const excluded = run(['check', '--fix', '--stdin-filename', 'skipped/model.py'], { cwd: root, input: POSITIVE });
  assert.equal(excluded.stdout, POSITIVE);
  assert.equal(excluded.status, 0);
});

test('--verbose reports settings, files parsed and skipped before parsing; --quiet with --verbose is a usage error', () => {
  const root = project({
    'model.py': POSITIVE,
    'clean.py': 'print("hello")\n',
    'pyproject.toml': '[tool.dtype-guard]\nignore = []\n',
  });
  const r = run(['check', '--verbose'], { cwd: root });
  assert.match(r.stderr, /settings from .*pyproject\.toml/);
  assert.match(r.stderr, /checked 2 files \(1 parsed, 1 skipped before parsing\)/);
  assert.equal(run(['check', '--quiet', '--verbose'], { cwd: root }).status, 2);
});

test('--jobs: worker threads give the same output as the main thread', () => {
  const files = {};
  for (let i = 0; i < 12; i++) files[`m${String(i).padStart(2, '0')}/model.py`] = i % 3 ? POSITIVE : CLEAN;
  const root = project(files);
  const serial = run(['check', '--jobs', '1', '--format', 'json'], { cwd: root });
  const parallel = run(['check', '--jobs', '3', '--format', 'json', '--verbose'], { cwd: root });
  assert.equal(parallel.status, 1);
  assert.match(parallel.stderr, /on 3 worker threads/);
  assert.equal(parallel.stdout, serial.stdout);
  assert.equal(JSON.parse(serial.stdout).length, 8);
  const fixRoot = project(files);
  assert.equal(run(['check', '--jobs', '2', '--fix'], { cwd: fixRoot }).status, 0);
  assert.equal(readFileSync(path.join(fixRoot, 'm01/model.py'), 'utf8'), FIXED);
  writeFileSync(path.join(fixRoot, 'm01/model.py'), POSITIVE);
  assert.equal(run(['check', '--jobs', '2'], { cwd: fixRoot }).status, 1);
});

test('a large folder is checked on worker threads; a run that fails after they started still exits', () => {
  const files = {};
  for (let i = 0; i < 120; i++) files[`pkg/m${String(i).padStart(3, '0')}.py`] = i === 7 ? POSITIVE : CLEAN;
  const root = project(files);
  const parallel = run(['check', '--jobs', '2', '--format', 'json', '--verbose', 'pkg'], { cwd: root });
  assert.equal(parallel.status, 1, parallel.stderr);
  assert.match(parallel.stderr, /checked 120 files .* on 2 worker threads/);
  assert.deepEqual(
    JSON.parse(parallel.stdout).map((f) => f.file),
    ['pkg/m007.py'],
  );
  // the workers started at the 100th file; the missing path after the folder is a usage error
  const failed = spawnSync(process.execPath, [built('cli.js'), 'check', '--jobs', '2', 'pkg', 'missing'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(failed.signal, null, 'the run did not exit by itself');
  assert.equal(failed.status, 2);
  assert.match(failed.stderr, /missing/);
});

test('--show-files lists what a check would cover and checks nothing', () => {
  const root = project({
    'pyproject.toml': '[tool.dtype-guard]\nexclude = ["skipped"]\n',
    '.gitignore': 'build/\n',
    'src/model.py': POSITIVE,
    'src/clean.py': CLEAN,
    'skipped/model.py': POSITIVE,
    'build/model.py': POSITIVE,
    'notes.txt': 'conv',
  });
  const r = run(['check', '--show-files', '--fix'], { cwd: root });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.split('\n').filter(Boolean), ['src/clean.py', 'src/model.py']);
  assert.equal(readFileSync(path.join(root, 'src/model.py'), 'utf8'), POSITIVE, 'nothing is fixed');
});

test('--unsafe-fixes marks and applies preferred fixes that are marked unsafe (a config turning fp16 on)', () => {
  const config = "_base_ = ['./base.py']\n\nfp16 = dict(loss_scale=512.)\n";
  const root = project({ 'configs/base.py': 'model = dict(type="RetinaNet")\n', 'configs/fp16.py': config });
  const plain = run(['check', '--select', 'DG201', 'configs/fp16.py'], { cwd: root });
  assert.equal(plain.status, 1, plain.stderr);
  assert.match(plain.stdout, /^configs\/fp16\.py:3:1: DG201 fp16/m, 'no [*]: the fix is unsafe');
  assert.match(plain.stdout, /^1 finding$/m);
  assert.equal(run(['check', '--select', 'DG201', '--fix', 'configs/fp16.py'], { cwd: root }).status, 1);
  assert.equal(readFileSync(path.join(root, 'configs/fp16.py'), 'utf8'), config, '--fix alone leaves it');
  const marked = run(['check', '--select', 'DG201', '--unsafe-fixes', 'configs/fp16.py'], { cwd: root });
  assert.match(marked.stdout, /DG201 \[\*\] /);
  const fixed = run(['check', '--select', 'DG201', '--unsafe-fixes', '--fix', 'configs/fp16.py'], { cwd: root });
  assert.equal(fixed.status, 0, fixed.stdout);
  assert.match(readFileSync(path.join(root, 'configs/fp16.py'), 'utf8'), /^fp16 = None$/m);
});
