// Settings sent with initialize (initializationOptions.folderSettings, as the VS Code extension sends
// them): used for the files of their folder without a workspace/configuration request, dropped at the
// first configuration change, and not used for files outside the folder or when a key is missing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { EDITOR_FIXTURES, startSession } from '../helpers/session.mjs';

const WARNING = 2;
const ERROR = 1;

/** The whole `dtypeGuard` section, as VS Code gives it for a folder, with DG101 raised to an error. */
const SECTION = {
  enable: true,
  diagnosticMode: 'openFiles',
  severity: { DG101: 'error' },
  select: [],
  ignore: [],
  exclude: [],
  configGlobs: [],
  fixAll: { unsafe: false },
  debounceMs: 150,
  maxFileSize: 2000000,
  trace: { server: 'off' },
  testsFolder: 'tests',
};

/** @param {any[]} requests @param {string} uri */
const askedFor = (requests, uri) => requests.some((r) => r.items.some((/** @type {any} */ i) => i.scopeUri === uri));

test('folder settings sent with initialize are used without asking, until the settings change', async () => {
  const session = await startSession({
    files: { 'models/head.py': 'flagged.py' },
    initializationOptions: (uri) => ({ folderSettings: [{ uri, settings: SECTION }] }),
  });
  try {
    const { uri } = session.open('models/head.py');
    const first = await session.published(uri, (p) => p.diagnostics.length === 1);
    assert.equal(first.params.diagnostics[0].severity, ERROR);
    assert.equal(askedFor(session.configurationRequests, uri), false);

    // The editor now answers the defaults (DG101 a warning): after a change they are asked for.
    session.client.notify('workspace/didChangeConfiguration', { settings: null });
    await session.published(uri, (p) => p.diagnostics[0]?.severity === WARNING);
    assert.equal(askedFor(session.configurationRequests, uri), true);
  } finally {
    await session.close();
  }
});

test('a section sent without every key is asked for, and so is a file outside every folder', async () => {
  const { testsFolder: _left, ...incomplete } = SECTION;
  const session = await startSession({
    files: { 'models/head.py': 'flagged.py' },
    initializationOptions: (uri) => ({ folderSettings: [{ uri, settings: incomplete }] }),
  });
  const outside = pathToFileURL(path.join(os.tmpdir(), 'dtype-guard-outside', 'head.py')).href;
  try {
    const { uri } = session.open('models/head.py');
    const first = await session.published(uri, (p) => p.diagnostics.length === 1);
    assert.equal(first.params.diagnostics[0].severity, WARNING);
    assert.equal(askedFor(session.configurationRequests, uri), true);

    session.client.notify('textDocument/didOpen', {
      textDocument: {
        uri: outside,
        languageId: 'python',
        version: 1,
        text: readFileSync(path.join(EDITOR_FIXTURES, 'flagged.py'), 'utf8'),
      },
    });
    await session.published(outside, (p) => p.diagnostics.length === 1);
    assert.equal(askedFor(session.configurationRequests, outside), true);
  } finally {
    await session.close();
  }
});

test('a file outside the folder sent with initialize is asked for', async () => {
  const session = await startSession({
    files: { 'models/head.py': 'flagged.py' },
    initializationOptions: (uri) => ({ folderSettings: [{ uri: `${uri}/models/other`, settings: SECTION }] }),
  });
  try {
    const { uri } = session.open('models/head.py');
    const first = await session.published(uri, (p) => p.diagnostics.length === 1);
    assert.equal(first.params.diagnostics[0].severity, WARNING);
    assert.equal(askedFor(session.configurationRequests, uri), true);
  } finally {
    await session.close();
  }
});
