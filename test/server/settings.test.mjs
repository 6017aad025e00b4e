// Settings over real JSON-RPC: pulled per file with workspace/configuration, refreshed on
// didChangeConfiguration, merged with pyproject.toml, and a broken pyproject.toml reported once.
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { EDITOR_FIXTURES, startSession } from '../helpers/session.mjs';

const WARNING = 2;
const ERROR = 1;

test('settings are asked for per file and a change takes effect without reopening', async () => {
  const session = await startSession({ files: { 'models/head.py': 'flagged.py' } });
  try {
    const { uri } = session.open('models/head.py');
    const first = await session.published(uri, (p) => p.diagnostics.length === 1);
    assert.equal(first.params.diagnostics[0].severity, WARNING);
    assert.ok(session.configurationRequests.some((r) => r.items.some((i) => i.scopeUri === uri && i.section === 'dtypeGuard')));

    session.settings = { severity: { DG101: 'error' } };
    session.client.notify('workspace/didChangeConfiguration', { settings: null });
    await session.published(uri, (p) => p.diagnostics[0]?.severity === ERROR);

    session.settings = { enable: false };
    session.client.notify('workspace/didChangeConfiguration', { settings: null });
    await session.published(uri, (p) => p.diagnostics.length === 0);
  } finally {
    await session.close();
  }
});

test('a configuration notification that changes nothing analyses nothing again (VS Code sends one at start)', async () => {
  const session = await startSession({ files: { 'models/head.py': 'flagged.py' } });
  try {
    const { uri } = session.open('models/head.py');
    await session.published(uri, (p) => p.diagnostics.length === 1);
    const asked = session.configurationRequests.length;
    // Answered as soon as the server asks: wait until it has asked again about every scope it
    // asked about before (the file and its folder, one request each) before the settings change,
    // or a later answer of this round would already carry the new settings.
    const scopes = (/** @type {any[]} */ requests) =>
      new Set(requests.flatMap((r) => r.items.map((/** @type {any} */ item) => item.scopeUri)));
    const before = scopes(session.configurationRequests);
    const askedAgain = /** @type {Promise<void>} */ (
      new Promise((resolve) => {
        const answer = session.client.requestHandlers.get('workspace/configuration');
        assert.ok(answer, 'the session answers configuration requests');
        session.client.onRequest('workspace/configuration', (params) => {
          const result = answer(params);
          const again = scopes(session.configurationRequests.slice(asked));
          if ([...before].every((scope) => again.has(scope))) resolve();
          return result;
        });
      })
    );
    session.client.notify('workspace/didChangeConfiguration', { settings: { dtypeGuard: {} } });
    await askedAgain;
    session.settings = { severity: { DG101: 'error' } };
    session.client.notify('workspace/didChangeConfiguration', { settings: null });
    await session.published(uri, (p) => p.diagnostics[0]?.severity === ERROR);
    const published = session.client.notifications.filter(
      (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri,
    );
    assert.deepEqual(
      published.map((m) => m.params.diagnostics[0]?.severity),
      [WARNING, ERROR],
    );
  } finally {
    await session.close();
  }
});

test('clients without workspace/configuration push their settings', async () => {
  const session = await startSession({ configuration: false, files: { 'head.py': 'flagged.py' } });
  try {
    const { uri } = session.open('head.py');
    await session.published(uri, (p) => p.diagnostics.length === 1);
    session.client.notify('workspace/didChangeConfiguration', { settings: { dtypeGuard: { ignore: ['DG1'] } } });
    await session.published(uri, (p) => p.diagnostics.length === 0);
    assert.equal(session.configurationRequests.length, 0);
  } finally {
    await session.close();
  }
});

test('pyproject.toml [tool.dtype-guard] applies, and editor settings win over it', async () => {
  const session = await startSession({ files: { 'pyproject.toml': 'pyproject_ignore.toml', 'pkg/head.py': 'flagged.py' } });
  try {
    const { uri } = session.open('pkg/head.py');
    await session.published(uri, (p) => p.diagnostics.length === 0); // ignore = ["DG101"] there

    session.settings = { ignore: ['DG9'] }; // a non-empty editor list replaces pyproject's
    session.client.notify('workspace/didChangeConfiguration', { settings: null });
    await session.published(uri, (p) => p.diagnostics.length === 1);
  } finally {
    await session.close();
  }
});

test('an invalid pyproject.toml gives one diagnostic on that file and analysis goes on with defaults', async () => {
  const session = await startSession({
    files: { 'pyproject.toml': 'pyproject_invalid.toml', 'a.py': 'flagged.py', 'b.py': 'two_heads.py' },
  });
  try {
    const pyproject = pathToFileURL(path.join(session.root, 'pyproject.toml')).href;
    const a = session.open('a.py');
    const b = session.open('b.py');
    await session.published(a.uri, (p) => p.diagnostics.length === 1);
    await session.published(b.uri, (p) => p.diagnostics.length === 2);
    for (let version = 2; version < 5; version++) {
      session.client.notify('textDocument/didChange', {
        textDocument: { uri: a.uri, version },
        contentChanges: [{ text: a.text + `\n# edit ${version}\n` }],
      });
    }
    await session.published(a.uri, (p) => p.version === 4 && p.diagnostics.length === 1);
    const reports = session.client.notifications.filter(
      (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === pyproject,
    );
    assert.equal(reports.length, 1, 'the broken pyproject.toml was reported more than once');
    const [diagnostic] = reports[0].params.diagnostics;
    assert.equal(reports[0].params.diagnostics.length, 1);
    assert.equal(diagnostic.severity, ERROR);
    assert.match(diagnostic.message, /invalid TOML/);
    assert.ok(diagnostic.range.start.line >= 5, `points at the broken line, got ${diagnostic.range.start.line}`);
    assert.equal(session.client.notifications.filter((m) => m.method === 'window/showMessage').length, 0);

    // Fixed on disk: the watcher event clears the diagnostic.
    copyFileSync(path.join(EDITOR_FIXTURES, 'pyproject_ignore.toml'), path.join(session.root, 'pyproject.toml'));
    session.client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pyproject, type: 2 }] });
    await session.published(pyproject, (p) => p.diagnostics.length === 0);
    await session.published(a.uri, (p) => p.diagnostics.length === 0); // its ignore = ["DG101"] now applies
  } finally {
    await session.close();
  }
});

test('exclude globs are relative to the workspace folder', async () => {
  const session = await startSession({
    settings: { exclude: ['third_party/**'] },
    files: { 'third_party/vendor.py': 'flagged.py', 'own.py': 'flagged.py' },
  });
  try {
    const vendor = session.open('third_party/vendor.py');
    const own = session.open('own.py');
    await session.published(own.uri, (p) => p.diagnostics.length === 1);
    await session.published(vendor.uri, (p) => p.diagnostics.length === 0);
  } finally {
    await session.close();
  }
});

test('dtypeGuard.maxFileSize skips large files', async () => {
  const session = await startSession({ settings: { maxFileSize: 100 }, files: { 'big.py': 'flagged.py' } });
  try {
    const { uri } = session.open('big.py');
    const published = await session.published(uri);
    assert.deepEqual(published.params.diagnostics, []);
    session.settings = {};
    session.client.notify('workspace/didChangeConfiguration', { settings: null });
    await session.published(uri, (p) => p.diagnostics.length === 1); // the same file under the default limit
  } finally {
    await session.close();
  }
});

test('a file over dtypeGuard.maxFileSize is announced as not analysed, and cleared when it is analysed again', async () => {
  const session = await startSession({ settings: { maxFileSize: 100 }, files: { 'big.py': 'flagged.py' } });
  try {
    const { uri } = session.open('big.py');
    const skipped = await session.client.waitFor((m) => m.method === 'dtypeGuard/notAnalysed' && m.params.uri === uri);
    assert.match(skipped.params.reason, /maxFileSize \(100\)/);
    session.settings = {};
    session.client.notify('workspace/didChangeConfiguration', { settings: null });
    await session.client.waitFor(
      (m) => m.method === 'dtypeGuard/notAnalysed' && m.params.uri === uri && m.params.reason === null,
    );
  } finally {
    await session.close();
  }
});
