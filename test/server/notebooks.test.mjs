// Notebook documents over real JSON-RPC (notebookDocument/* sync): the Python cells of a notebook are
// one module, diagnostics land on the cell they are in, quick fixes edit that cell, fix-all every cell.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { core } from '../helpers/core.mjs';
import { LspClient } from '../helpers/lsp.mjs';

const NOTEBOOK = JSON.parse(readFileSync('test/fixtures/notebooks/fused_bias_conv.ipynb', 'utf8'));
const NB_URI = 'file:///project/fused_bias_conv.ipynb';
const cellUri = (i) => `vscode-notebook-cell:/project/fused_bias_conv.ipynb#cell${i}`;

/** The notebook as a client opens it: every cell, and a text document for each Python code cell. */
function openParams() {
  const cells = NOTEBOOK.cells.map((c, i) => ({ kind: c.cell_type === 'code' ? 2 : 1, document: cellUri(i) }));
  const cellTextDocuments = NOTEBOOK.cells.map((c, i) => ({
    uri: cellUri(i),
    languageId: c.cell_type === 'code' ? 'python' : 'markdown',
    version: 1,
    text: c.source.join(''),
  }));
  return { notebookDocument: { uri: NB_URI, notebookType: 'jupyter-notebook', version: 1, cells }, cellTextDocuments };
}

const publishedOn = (client, uri, predicate) =>
  client.waitFor(
    (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && predicate(m.params.diagnostics),
  );

test('a finding in cell 3 that depends on cell 2: published on cell 3, its quick fix edits cell 3, fix-all fixes the notebook', async () => {
  const client = new LspClient();
  try {
    const init = await client.initialize({ textDocument: { codeAction: {} }, notebookDocument: { synchronization: {} } });
    assert.deepEqual(init.capabilities.notebookDocumentSync, {
      notebookSelector: [{ notebook: '*' }],
    });
    client.notify('notebookDocument/didOpen', openParams());
    const published = await publishedOn(client, cellUri(2), (d) => d.length > 0);
    const [diagnostic] = published.params.diagnostics;
    assert.equal(diagnostic.code, 'DG101');
    assert.deepEqual(diagnostic.range.start, { line: 8, character: 15 });
    assert.equal(diagnostic.message, 'bias is float32, input x is float16 under model.half()');
    const cell1 = await publishedOn(client, cellUri(1), () => true);
    assert.deepEqual(cell1.params.diagnostics, [], 'the helper cell has no finding of its own');

    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri: cellUri(2) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });
    assert.equal(actions[0].isPreferred, true);
    const cellText = NOTEBOOK.cells[2].source.join('');
    const fixedCell = core.applyEdits(cellText, actions[0].edit.changes[cellUri(2)]);
    assert.match(fixedCell, /F\.conv2d\(x, self\.weight, bias\.to\(x\.dtype\), padding=1\)$/);
    const noqa = actions.find((a) => a.title === 'Dtype Guard (DG101): Disable for this line');
    assert.match(core.applyEdits(cellText, noqa.edit.changes[cellUri(2)]), /padding=1\) {2}# noqa: DG101$/);

    for (const only of ['source.fixAll.dtypeGuard', 'notebook.source.fixAll.dtypeGuard']) {
      const [fixAll] = await client.request('textDocument/codeAction', {
        textDocument: { uri: cellUri(2) },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: [only] },
      });
      assert.equal(fixAll.kind, only);
      assert.deepEqual(Object.keys(fixAll.edit.changes), [cellUri(2)]);
      assert.equal(core.applyEdits(cellText, fixAll.edit.changes[cellUri(2)]), fixedCell);
    }

    // The user types the fix into cell 3: the diagnostic goes away.
    client.notifications.length = 0; // only what is published from here on counts
    client.notify('notebookDocument/didChange', {
      notebookDocument: { uri: NB_URI, version: 2 },
      change: {
        cells: {
          textContent: [{ document: { uri: cellUri(2), version: 2 }, changes: [{ text: fixedCell }] }],
        },
      },
    });
    await publishedOn(client, cellUri(2), (d) => d.length === 0);

    client.notify('notebookDocument/didClose', {
      notebookDocument: { uri: NB_URI },
      cellTextDocuments: NOTEBOOK.cells.map((_, i) => ({ uri: cellUri(i) })),
    });
    assert.equal(await client.shutdown(), 0, client.stderr);
  } finally {
    client.proc.kill();
  }
});

test('editing the helper cell changes the finding in the class cell: the cells are one module', async () => {
  const client = new LspClient();
  try {
    await client.initialize({});
    client.notify('notebookDocument/didOpen', openParams());
    await publishedOn(client, cellUri(2), (d) => d.length === 1);
    const original = NOTEBOOK.cells[1].source.join('');
    const edit = (version, text) =>
      client.notify('notebookDocument/didChange', {
        notebookDocument: { uri: NB_URI, version },
        change: { cells: { textContent: [{ document: { uri: cellUri(1), version }, changes: [{ text }] }] } },
      });
    // Without the helper in cell 2 nothing says what make_bias returns: no finding in cell 3.
    client.notifications.length = 0; // only what is published from here on counts
    edit(2, original.slice(0, original.indexOf('def make_bias')));
    await publishedOn(client, cellUri(2), (d) => d.length === 0);
    client.notifications.length = 0;
    edit(3, original);
    await publishedOn(client, cellUri(2), (d) => d.length === 1 && d[0].code === 'DG101');
    assert.equal(await client.shutdown(), 0, client.stderr);
  } finally {
    client.proc.kill();
  }
});
