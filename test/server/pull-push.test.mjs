// Delivery of diagnostics over real JSON-RPC: push for clients without pull support (Neovim 0.7),
// pull (with unchanged reports) otherwise, workspace/diagnostic in workspace mode, and incremental
// edits that end in the same diagnostics as the full text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { core } from '../helpers/core.mjs';
import { startSession } from '../helpers/session.mjs';

test('push: publishDiagnostics with the document version, cleared on close', async () => {
  const session = await startSession({ files: { 'head.py': 'flagged.py' } });
  try {
    assert.equal(session.init.capabilities.diagnosticProvider, undefined);
    const { uri } = session.open('head.py', 7);
    const published = await session.published(uri, (p) => p.diagnostics.length === 1);
    assert.equal(published.params.version, 7);
    session.client.notify('textDocument/didClose', { textDocument: { uri } });
    await session.published(uri, (p) => p.diagnostics.length === 0 && p.version === undefined);
  } finally {
    await session.close();
  }
});

test('push: a file cheap to analyse is analysed at once after an edit, whatever debounceMs says', async () => {
  const session = await startSession({ settings: { debounceMs: 60_000 }, files: { 'head.py': 'flagged.py' } });
  try {
    const { uri, text } = session.open('head.py', 1);
    await session.published(uri, (p) => p.version === 1);
    session.client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: text + '\n' }],
    });
    // Within the client's usual wait (10 s), far below the 60 s that a fixed wait would take.
    const published = await session.published(uri, (p) => p.version === 2);
    assert.equal(published.params.diagnostics.length, 1);
  } finally {
    await session.close();
  }
});

test('pull: reports on request, "unchanged" for the same version, nothing pushed', async () => {
  const session = await startSession({ pull: true, files: { 'head.py': 'flagged.py' } });
  try {
    assert.equal(session.init.capabilities.diagnosticProvider.workspaceDiagnostics, true);
    const { uri } = session.open('head.py');
    const first = await session.client.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(first.kind, 'full');
    assert.deepEqual(
      first.items.map((d) => d.code),
      ['DG101'],
    );
    const again = await session.client.request('textDocument/diagnostic', {
      textDocument: { uri },
      previousResultId: first.resultId,
    });
    assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });
    assert.equal(session.client.notifications.filter((m) => m.method === 'textDocument/publishDiagnostics').length, 0);
  } finally {
    await session.close();
  }
});

test('pull: rapid edits are answered for the newest version only', async () => {
  const session = await startSession({ pull: true, settings: { debounceMs: 50 }, files: { 'head.py': 'flagged.py' } });
  try {
    const { uri, text } = session.open('head.py');
    const safe = text.replace('device=x.device)', 'device=x.device, dtype=x.dtype)');
    for (let version = 2; version <= 6; version++) {
      session.client.notify('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text: version % 2 === 0 ? text : safe }],
      });
    }
    const report = await session.client.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.match(report.resultId, /:6$/, `answered for ${report.resultId}`);
    assert.deepEqual(
      report.items.map((d) => d.code),
      ['DG101'],
    ); // version 6 is the flagged text
  } finally {
    await session.close();
  }
});

test('incremental edits end in the same diagnostics as the full final text', async () => {
  const session = await startSession({ files: { 'head.py': 'flagged.py' } });
  try {
    const { uri, text } = session.open('head.py');
    await session.published(uri, (p) => p.version === 1);
    const lines = text.split('\n');
    const zeros = lines.findIndex((l) => l.includes('torch.zeros('));
    const col = lines[zeros].indexOf('device=x.device') + 'device=x.device'.length;
    const edits = [
      // Type `, dtype=x.dtype` one chunk at a time, then add a line above (shifting every row), then a non-ASCII comment.
      ...[', ', 'dtype=', 'x.', 'dtype'].map((chunk, i, all) => {
        const at = col + all.slice(0, i).join('').length;
        return { range: { start: { line: zeros, character: at }, end: { line: zeros, character: at } }, text: chunk };
      }),
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# Größe: channels\n' },
    ];
    let version = 1;
    for (const change of edits) {
      session.client.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [change] });
    }
    const final = await session.published(uri, (p) => p.version === version);
    const typed = text.split('\n');
    typed[zeros] = typed[zeros].slice(0, col) + ', dtype=x.dtype' + typed[zeros].slice(col);
    const expected = '# Größe: channels\n' + typed.join('\n');
    assert.deepEqual(core.analyze(expected), [], 'the typed text is safe');
    assert.deepEqual(final.params.diagnostics, []);

    // Now undo the dtype by deleting the range: the finding comes back on the shifted line.
    const line = zeros + 1;
    const del = { start: { line, character: col }, end: { line, character: col + ', dtype=x.dtype'.length } };
    session.client.notify('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: del, text: '' }],
    });
    const back = await session.published(uri, (p) => p.version === version);
    const reference = core.analyze('# Größe: channels\n' + text);
    assert.equal(back.params.diagnostics.length, 1);
    assert.deepEqual(back.params.diagnostics[0].range, reference[0].range);
  } finally {
    await session.close();
  }
});

test('workspace mode: workspace/diagnostic reports files that are not open', async () => {
  const session = await startSession({
    pull: true,
    settings: { diagnosticMode: 'workspace' },
    files: { 'models/a.py': 'flagged.py', 'models/b.py': 'two_heads.py', 'open.py': 'flagged.py' },
  });
  try {
    const open = session.open('open.py');
    const report = await session.client.request('workspace/diagnostic', { previousResultIds: [] });
    const byUri = new Map(report.items.map((i) => [i.uri, i]));
    assert.equal(byUri.get(session.uri('models/a.py')).items.length, 1);
    assert.equal(byUri.get(session.uri('models/b.py')).items.length, 2);
    assert.ok(!byUri.has(open.uri), 'an open document is reported by its own pull');
    const previousResultIds = report.items.map((i) => ({ uri: i.uri, value: i.resultId }));
    session.settings = { diagnosticMode: 'workspace', ignore: ['DG101'] };
    session.client.notify('workspace/didChangeConfiguration', { settings: null });
    const after = await session.client.request('workspace/diagnostic', { previousResultIds });
    assert.ok(after.items.length >= 2 && after.items.every((i) => i.kind === 'full' && i.items.length === 0));
  } finally {
    await session.close();
  }
});

test('openFiles mode (the default): workspace/diagnostic reports nothing', async () => {
  const session = await startSession({ pull: true, files: { 'models/a.py': 'flagged.py' } });
  try {
    const report = await session.client.request('workspace/diagnostic', { previousResultIds: [] });
    assert.deepEqual(report.items, []);
  } finally {
    await session.close();
  }
});

test('pull: a request waiting for the analysis is answered when its document closes', async () => {
  const session = await startSession({ pull: true, settings: { debounceMs: 60_000 }, files: { 'head.py': 'flagged.py' } });
  try {
    // A file costly to analyse (a long literal to parse): the server then waits after an edit,
    // rather than analysing at once as it does for cheap files.
    const { uri, text } = session.open('head.py', 1, session.text('head.py') + `values = [${'1, '.repeat(200_000)}]\n`);
    await session.client.request('textDocument/diagnostic', { textDocument: { uri } }); // settings read: the long wait applies now
    session.client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: text + '\n' }],
    });
    const pending = session.client.request('textDocument/diagnostic', { textDocument: { uri } });
    session.client.notify('textDocument/didClose', { textDocument: { uri } });
    let timer;
    const stuck = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no answer after the close')), 15_000)));
    try {
      assert.deepEqual(await Promise.race([pending, stuck]), { kind: 'full', items: [] });
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await session.close();
  }
});
