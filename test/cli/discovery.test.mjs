// File discovery: .gitignore, the exclude setting, symlink loops, binary, oversized and unreadable files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLEAN, POSITIVE, findingLines, project, run } from '../helpers/cli.mjs';

test('.gitignore is honoured, nested files and negations included; paths are relative to the cwd', () => {
  const root = project({
    '.gitignore': 'build/\ngen_*.py\n',
    'src/model.py': POSITIVE,
    'build/model.py': POSITIVE,
    'src/gen_model.py': POSITIVE,
    'src/vendor/.gitignore': '*.py\n!keep.py\n',
    'src/vendor/drop.py': POSITIVE,
    'src/vendor/keep.py': POSITIVE,
  });
  mkdirSync(path.join(root, '.git'));
  const r = run(['check', '.'], { cwd: root });
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(findingLines(r.stdout), ['src/model.py:18', 'src/vendor/keep.py:18']);
  const fromSrc = run(['check', '.'], { cwd: path.join(root, 'src') });
  assert.deepEqual(findingLines(fromSrc.stdout), ['model.py:18', 'vendor/keep.py:18']);
});

test('exclude globs from pyproject.toml prune folders and files, named files included', () => {
  const root = project({
    'pyproject.toml': '[tool.dtype-guard]\nexclude = ["third_party", "tests/**/*_gen.py"]\n',
    'pkg/model.py': POSITIVE,
    'pkg/third_party/model.py': POSITIVE,
    'tests/unit/model_gen.py': POSITIVE,
    'tests/unit/model.py': POSITIVE,
  });
  const r = run(['check'], { cwd: root });
  assert.deepEqual(findingLines(r.stdout), ['pkg/model.py:18', 'tests/unit/model.py:18']);
  const named = run(['check', 'tests/unit/model_gen.py'], { cwd: root });
  assert.equal(named.status, 0, named.stdout);
});

test('a symlink loop is walked once and the run ends', () => {
  const root = project({ 'a/model.py': POSITIVE });
  symlinkSync('..', path.join(root, 'a', 'up'));
  symlinkSync(path.join(root, 'a'), path.join(root, 'a', 'self'));
  const r = run(['check', '--verbose', '.'], { cwd: root });
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(findingLines(r.stdout), ['a/model.py:18']);
  assert.match(r.stderr, /a\/up: already visited/);
});

test('binary and oversized files are skipped with a note under --verbose only', () => {
  const root = project({ 'model.py': POSITIVE, 'blob.py': Buffer.from([0x69, 0x6d, 0, 1, 2, 0x63, 0x6f, 0x6e, 0x76]) });
  writeFileSync(path.join(root, 'big.py'), POSITIVE + '#'.repeat(2_100_000) + '\n');
  const quiet = run(['check', '.'], { cwd: root });
  assert.equal(quiet.status, 1);
  assert.equal(quiet.stderr, '');
  assert.deepEqual(findingLines(quiet.stdout), ['model.py:18']);
  const verbose = run(['check', '--verbose', '.'], { cwd: root });
  assert.match(verbose.stderr, /^dtype-guard: blob\.py: skipped \(binary file\)$/m);
  assert.match(verbose.stderr, /^dtype-guard: big\.py: skipped \(larger than 2000000 bytes\)$/m);
});

test('dangling and looping symlinks in a walked folder are skipped with a --verbose note; the run does not fail', () => {
  // chmod 000 does not stop root, so the unreadable entries are a dangling symlink (ENOENT)
  // and a symlink to itself (ELOOP); a FIFO is skipped as "not a regular file" instead of blocking.
  const root = project({ 'a.py': POSITIVE, 'c.py': CLEAN });
  symlinkSync(path.join(root, 'gone.py'), path.join(root, 'b.py'));
  symlinkSync('loop.py', path.join(root, 'loop.py'));
  symlinkSync('missing_dir', path.join(root, 'data'));
  execFileSync('mkfifo', [path.join(root, 'pipe.py')]);
  const r = run(['check', '--verbose', '.'], { cwd: root });
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(findingLines(r.stdout), ['a.py:18']);
  assert.match(r.stderr, /^dtype-guard: b\.py: skipped \(a dangling symbolic link\)$/m);
  assert.match(r.stderr, /^dtype-guard: data: skipped \(a dangling symbolic link\)$/m);
  assert.match(r.stderr, /^dtype-guard: loop\.py: skipped \(a symbolic link loop\)$/m);
  assert.doesNotMatch(r.stderr, /error/);
  const quiet = run(['check', '.'], { cwd: root });
  assert.equal(quiet.stderr, '', 'without --verbose the skipped links are not mentioned');
  const onlyLinks = project({ 'c.py': CLEAN });
  symlinkSync('nowhere.py', path.join(onlyLinks, 'dangling.py'));
  assert.equal(run(['check', '.'], { cwd: onlyLinks }).status, 0, 'a dangling link alone does not fail a clean run');
  const named = run(['check', '--verbose', 'pipe.py', 'a.py'], { cwd: root });
  assert.match(named.stderr, /pipe\.py: skipped \(not a regular file\)/);
  assert.equal(named.status, 1);
});

test('a named file that cannot be read is a DG000 line in every format and exit 1, not a failed run', () => {
  const root = project({ 'c.py': CLEAN });
  symlinkSync('gone.py', path.join(root, 'b.py'));
  symlinkSync('loop.py', path.join(root, 'loop.py'));
  const text = run(['check', 'b.py', 'loop.py', 'c.py'], { cwd: root });
  assert.equal(text.status, 1, text.stderr);
  assert.equal(text.stderr, '');
  assert.deepEqual(text.stdout.trim().split('\n'), [
    'b.py:1:1: DG000 cannot read (ENOENT)',
    'loop.py:1:1: DG000 cannot read (ELOOP)',
    '2 findings',
  ]);
  const json = JSON.parse(run(['check', '--format', 'json', 'b.py'], { cwd: root }).stdout);
  assert.deepEqual(
    json.map((f) => [f.file, f.code, f.name, f.severity, f.message, f.location]),
    [['b.py', 'DG000', 'file-not-checked', 'error', 'cannot read (ENOENT)', { line: 1, column: 1 }]],
  );
  assert.match(json[0].url, /docs\/DG000\.md$/);
  const sarif = JSON.parse(run(['check', '--format', 'sarif', 'b.py'], { cwd: root }).stdout);
  const [result] = sarif.runs[0].results;
  assert.equal(result.ruleId, 'DG000');
  assert.equal(result.level, 'error');
  assert.ok(sarif.runs[0].tool.driver.rules.some((r) => r.id === 'DG000'));
  const github = run(['check', '--format', 'github', 'b.py'], { cwd: root });
  assert.match(
    github.stdout,
    /^::error file=b\.py,line=1,col=1,endLine=1,endColumn=1,title=DG000 file-not-checked::b\.py:1:1: DG000 cannot read \(ENOENT\)$/m,
  );
  const diff = run(['check', '--diff', 'b.py'], { cwd: root });
  assert.equal(diff.status, 1, 'with --diff too, a file not checked fails the run');
  assert.equal(diff.stdout, '');
  assert.match(diff.stderr, /^b\.py:1:1: DG000 cannot read \(ENOENT\)$/m);
  assert.equal(run(['check', '--exit-zero', 'b.py'], { cwd: root }).status, 0);
  const missing = run(['check', 'no_such_file.py'], { cwd: root });
  assert.equal(missing.status, 2, 'a path that does not exist at all is still a usage error');
});

test('non-UTF-8 text is skipped, a UTF-8 byte-order mark is kept by --fix', async () => {
  const root = project({
    'latin1.py': Buffer.from('# caf\xe9\nimport torch.nn.functional as F\n', 'latin1'),
    'bom.py': '\ufeff' + POSITIVE,
  });
  const r = run(['check', '--verbose', '--fix', '.'], { cwd: root });
  assert.match(r.stderr, /latin1\.py: skipped \(not UTF-8\)/);
  const { readFileSync } = await import('node:fs');
  const fixed = readFileSync(path.join(root, 'bom.py'), 'utf8');
  assert.ok(fixed.startsWith('\ufeff"""'));
  assert.match(fixed, /bias\.to\(x\.dtype\)/);
});
