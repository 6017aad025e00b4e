// The CLI on a folder of bad files written for real: it lists what it skips (dangling and looping
// links among them) with --verbose, reports a named file it cannot read as DG000 (exit 1),
// analyses the rest, never hangs on a FIFO and never prints a stack trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { core } from '../helpers/core.mjs';
import { built } from '../helpers/dist.mjs';

const cli = built('cli.js');
const fixture = readFileSync('test/fixtures/code/dg101_zeros_bias.py', 'utf8');
const run = (args, cwd, options = {}) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', ...options });
const STACK = /\bat .+:\d+:\d+|^\s+at /m;
/** stderr as { path: reason }: with --verbose, `P: skipped (why)` and `P: already visited ...` lines. */
function notes(stderr) {
  const out = {};
  for (const line of stderr.split('\n').filter(Boolean)) {
    assert.match(line, /^dtype-guard: /, 'every stderr line is one line of the CLI');
    const m = /^dtype-guard: (?:error: )?(.+?): (cannot read \(\w+\)|skipped \((.+)\)|already visited.*)$/.exec(line);
    if (m) out[m[1]] = m[3] ?? m[2];
  }
  return out;
}

/** `n` nested if-blocks, one more space each: just over 2 MB for 2000, so the CLI skips it by size. */
function nestedBlocks(n) {
  let blocks = '';
  for (let i = 0; i < n; i++) blocks += `${' '.repeat(i)}if x:\n`;
  return `${blocks}${' '.repeat(n)}pass\n`;
}

function badFolder() {
  const dir = mkdtempSync(path.join(tmpdir(), 'dg-bad-'));
  const bytes = Buffer.alloc(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + 7) % 256; // includes NUL bytes
  writeFileSync(path.join(dir, 'binary.py'), bytes);
  writeFileSync(path.join(dir, 'latin1.py'), Buffer.from('x = "caf\xe9"\n', 'latin1'));
  writeFileSync(path.join(dir, 'empty.py'), '');
  writeFileSync(path.join(dir, 'huge.py'), 'x = 1\n'.repeat(Math.ceil(5_000_000 / 6)));
  writeFileSync(path.join(dir, 'parens.py'), `x = ${'('.repeat(3000)}1${')'.repeat(3000)}\n`);
  writeFileSync(path.join(dir, 'blocks.py'), nestedBlocks(2000));
  writeFileSync(path.join(dir, 'crlf.py'), fixture.replace(/\n/g, '\r\n'));
  writeFileSync(path.join(dir, 'bom.py'), '\ufeff' + fixture);
  symlinkSync('missing_target.py', path.join(dir, 'dangling.py'));
  symlinkSync('loop.py', path.join(dir, 'loop.py'));
  mkdirSync(path.join(dir, 'pkg'));
  symlinkSync('..', path.join(dir, 'pkg', 'parent')); // a folder loop
  spawnSync('mkfifo', [path.join(dir, 'fifo.py')]);
  return dir;
}

test('a folder of bad files: one line for each file passed over, findings for the rest, exit 1', () => {
  const dir = badFolder();
  const r = run(['check', '--verbose', '.'], dir);
  assert.doesNotMatch(r.stderr + r.stdout, STACK);
  assert.deepEqual(notes(r.stderr), {
    'binary.py': 'binary file',
    'blocks.py': 'larger than 2000000 bytes',
    'dangling.py': 'a dangling symbolic link',
    'fifo.py': 'not a regular file',
    'huge.py': 'larger than 2000000 bytes',
    'latin1.py': 'not UTF-8',
    'loop.py': 'a symbolic link loop',
    'pkg/parent': 'already visited (symlink loop or second link), skipped',
  });
  const line = core.analyze(fixture)[0].range.start;
  const at = `${line.line + 1}:${line.character + 1}`;
  for (const name of ['bom.py', 'crlf.py']) {
    assert.ok(r.stdout.includes(`${name}:${at}: DG101`), `${name} is analysed with editor columns:\n${r.stdout}`);
  }
  assert.equal(r.status, 1, 'findings in bom.py and crlf.py; the links passed over do not fail the run');
  const quiet = run(['check', '.'], dir);
  assert.equal(quiet.stderr, '', 'without --verbose nothing passed over is named');
  assert.equal(quiet.status, 1);
});

test('the core itself takes 2000 nested blocks and 3000 nested parentheses within its parse budget', () => {
  for (const text of [nestedBlocks(2000), `x = ${'('.repeat(3000)}1${')'.repeat(3000)}\n`]) {
    assert.deepEqual(core.analyze(text, { limits: { maxSteps: 1000 + text.length } }), []);
  }
});

test('--fix keeps the BOM and CRLF line endings and leaves skipped files byte for byte', () => {
  const dir = badFolder();
  const before = readFileSync(path.join(dir, 'latin1.py'));
  const r = run(['check', '--fix', '.'], dir);
  assert.equal(r.status, 0, 'every finding fixed; the dangling link and the loop are passed over');
  assert.doesNotMatch(r.stderr, STACK);
  const bom = readFileSync(path.join(dir, 'bom.py'), 'utf8');
  assert.ok(bom.startsWith('\ufeff'));
  assert.match(bom, /bias\.to\(x\.dtype\)/);
  const crlf = readFileSync(path.join(dir, 'crlf.py'), 'utf8');
  assert.match(crlf, /bias\.to\(x\.dtype\)/);
  assert.equal(crlf.split('\r\n').length, crlf.split('\n').length, 'no bare \\n introduced');
  assert.deepEqual(readFileSync(path.join(dir, 'latin1.py')), before);
});

test('a FIFO or a device named explicitly is skipped, not read forever', () => {
  const dir = badFolder();
  const r = run(['check', '--verbose', 'fifo.py', '/dev/zero', 'empty.py'], dir);
  const skipped = notes(r.stderr);
  assert.equal(skipped['fifo.py'], 'not a regular file');
  assert.equal(Object.entries(skipped).find(([p]) => p.endsWith('dev/zero'))?.[1], 'not a regular file');
  assert.equal(r.status, 0);
});

// Root reads chmod 000 files, so the check runs the CLI as `nobody` when the tests run as root.
test('a named file that cannot be read is reported as DG000, exit 1', (t) => {
  const dir = badFolder();
  chmodSync(dir, 0o755);
  writeFileSync(path.join(dir, 'secret.py'), fixture);
  chmodSync(path.join(dir, 'secret.py'), 0o000);
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const probe = run(['--version'], dir, asUser);
  if (probe.status !== 0) return t.skip(`cannot run the CLI as an unprivileged user here: ${probe.stderr.split('\n')[0]}`);
  const r = run(['check', 'secret.py'], dir, asUser);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, 'secret.py:1:1: DG000 cannot read (EACCES)\n1 finding\n');
  assert.equal(r.status, 1);
});

test('a directory or FIFO named pyproject.toml does not crash or block the language server', async () => {
  const { LspClient } = await import('../helpers/lsp.mjs');
  const { pathToFileURL } = await import('node:url');
  for (const kind of ['dir', 'fifo']) {
    const dir = mkdtempSync(path.join(tmpdir(), 'dg-pyproject-'));
    if (kind === 'dir') mkdirSync(path.join(dir, 'pyproject.toml'));
    else spawnSync('mkfifo', [path.join(dir, 'pyproject.toml')]);
    const uri = pathToFileURL(path.join(dir, 'a.py')).href;
    const client = new LspClient();
    try {
      await client.initialize({});
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: fixture } });
      const published = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
      assert.deepEqual(
        published.params.diagnostics.map((d) => d.code),
        ['DG101'],
      );
      assert.equal(await client.shutdown(), 0, client.stderr);
    } finally {
      client.proc.kill();
    }
  }
});
