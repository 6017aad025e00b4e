// Workspace content is data, never code: nothing executes, imports or evals it, and config
// resolution reads only inside the workspace, never a device or a FIFO.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runInWorker } from './watchdog.mjs';
import { writeHostileWorkspace } from './hostile-workspace.mjs';
import { built } from '../helpers/dist.mjs';

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
}

/** The one source that starts a process, and why that is safe. */
const MAY_SPAWN = {
  'client/src/serverProcess.ts': 'forks the bundled server, dist/server.js next to the extension bundle (a fixed path)',
};

test('the project sources never spawn, eval or load code at run time', () => {
  /** @type {[RegExp, string][]} */
  const forbidden = [
    [/\bchild_process\b/, 'child_process'],
    [/\beval\s*\(/, 'eval'],
    [/\bnew\s+Function\s*\(/, 'new Function'],
    [/['"](node:)?vm['"]/, 'vm'],
    [/\bimport\s*\(\s*[^'"\s)]/, 'import() of a computed name'],
    [/\brequire\s*\(\s*[^'"\s)]/, 'require() of a computed name'],
  ];
  const hits = [];
  for (const file of [...sources('server/src'), ...sources('client/src')]) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (/^\s*(\/\/|\*|\/\*)/.test(line)) return;
      for (const [pattern, what] of forbidden) {
        if (what === 'child_process' && file.split(path.sep).join('/') in MAY_SPAWN) continue;
        if (pattern.test(line)) hits.push(`${file}:${i + 1}: ${what}: ${line.trim()}`);
      }
    });
  }
  assert.deepEqual(hits, []);
});

// Third-party code in the bundles may hold such calls; each is listed here with why it is harmless.
const ALLOWED_IN_BUNDLES = {
  'web-tree-sitter': 'eval of EM_ASM/EM_JS snippets compiled into our own shipped tree-sitter.wasm',
  'vscode-languageserver': 'files.ts resolveGlobalNodePath (npm root -g), never called by the server',
  commander: 'executable subcommands, which this CLI does not declare',
  'vscode-languageclient': 'the VS Code client spawning our own bundled server',
};

test('in the bundles, child_process, eval, new Function and vm come only from the allow-listed packages', () => {
  const pattern = /require\("(?:node:)?child_process"\)|\beval\(|new Function\(|require\("(?:node:)?vm"\)/g;
  const unexpected = [];
  let seen = 0;
  for (const bundle of ['dist/core.js', 'dist/server.js', 'dist/cli.js', 'dist/extension.js']) {
    const text = readFileSync(bundle, 'utf8');
    for (const match of text.matchAll(pattern)) {
      seen++;
      // esbuild marks each module with a `// path/to/module.js` comment: the closest one above owns the hit.
      const before = text.slice(0, match.index);
      const owner = [...before.matchAll(/^\/\/ (.+)$/gm)].pop()?.[1] ?? '(no module comment)';
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(owner)?.[1];
      if (owner in MAY_SPAWN && /child_process/.test(match[0])) continue;
      if (!pkg || !(pkg in ALLOWED_IN_BUNDLES)) unexpected.push(`${bundle}: ${match[0]} in ${owner}`);
    }
  }
  assert.ok(seen > 0, 'the scan sees the known third-party uses, so it is looking at the right text');
  assert.deepEqual(unexpected, []);
});

test('a hostile config: bases outside the workspace, through a link, a device, a FIFO; custom_imports of code', async () => {
  const ws = writeHostileWorkspace();
  const moduleUrl = new URL('./hostile-workspace.mjs', import.meta.url).href;
  const { findings, calls } = await runInWorker(moduleUrl, 'analyzeRecorded', { config: ws.config }, 60_000);
  const dist = path.resolve('dist');
  const reads = calls.filter(
    (c) => ['openSync', 'readFileSync', 'readdirSync', 'opendirSync'].includes(c.call) && !c.target.startsWith('fd:'),
  );
  const inside = (p, dir) => !path.relative(dir, path.resolve(p)).startsWith('..');
  const outsideReads = reads.filter((c) => !inside(c.target, ws.root) && !inside(c.target, dist));
  assert.deepEqual(outsideReads, [], 'nothing is opened or listed outside the workspace (and the bundled wasm)');
  const special = reads.filter((c) => /fifo\.py$|^\/dev\/|^\/proc\//.test(c.target) || c.target.endsWith('linked_amp.py'));
  assert.deepEqual(special, [], 'the FIFO, the device, /proc and the link out of the workspace are never opened');
  assert.ok(
    reads.some((c) => c.target === ws.config),
    'the recording sees the reads the analysis does make',
  );
  assert.ok(
    !findings.some((f) => f.code === 'DG202'),
    `AMP from outside the workspace was not inherited: ${JSON.stringify(findings)}`,
  );
  assert.equal(existsSync(ws.marker), false, 'no workspace code ran');
});

test('the CLI and the server on the hostile workspace: they finish, and no workspace code runs', async () => {
  const ws = writeHostileWorkspace();
  const r = spawnSync(process.execPath, [built('cli.js'), 'check', '.'], {
    cwd: ws.root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.error, undefined, 'the CLI finished');
  assert.ok(r.status !== null && [0, 1, 2].includes(r.status), `documented exit code, got ${r.status}`);
  assert.doesNotMatch(r.stdout + r.stderr, /DG202/);
  const { LspClient } = await import('../helpers/lsp.mjs');
  const { pathToFileURL } = await import('node:url');
  const client = new LspClient();
  try {
    await client.initialize({}, undefined);
    const uri = pathToFileURL(ws.config).href;
    client.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'python', version: 1, text: readFileSync(ws.config, 'utf8') },
    });
    const published = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri, 60_000);
    assert.ok(!published.params.diagnostics.some((d) => d.code === 'DG202'));
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.proc.kill();
  }
  assert.equal(existsSync(ws.marker), false, 'no workspace code ran');
});
