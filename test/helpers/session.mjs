// Starts the server over stdio as an editor would: a temporary workspace folder holding copies of
// test/fixtures/editor files, client capabilities for pull or push, and answers to workspace/configuration.
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lsp.mjs';

export const EDITOR_FIXTURES = path.resolve('test/fixtures/editor');

/** @typedef {import('./lsp.mjs').Message} Message */

/**
 * @param {object} [options]
 * @param {boolean} [options.pull]   the client supports textDocument/diagnostic
 * @param {Record<string, unknown>}  [options.settings]  the `dtypeGuard` section the client answers with (mutable: `session.settings`)
 * @param {Record<string,string>} [options.files]  workspace path -> fixture name
 * @param {boolean} [options.configuration]  the client answers workspace/configuration (default true)
 * @param {string} [options.tree]  a folder of the repository copied whole as the workspace (e.g. 'examples')
 * @param {(folderUri: string) => unknown} [options.initializationOptions]  what the client sends with initialize, given the workspace folder
 */
export async function startSession({
  pull = false,
  settings = {},
  files = {},
  configuration = true,
  tree,
  initializationOptions,
} = {}) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'dtype-guard-lsp-'));
  if (tree) cpSync(path.resolve(tree), root, { recursive: true });
  for (const [target, fixture] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, target)), { recursive: true });
    copyFileSync(path.join(EDITOR_FIXTURES, fixture), path.join(root, target));
  }
  const client = new LspClient();
  /** @param {string} target a path in the workspace */
  const uri = (target) => pathToFileURL(path.join(root, target)).href;
  /** @param {string} target a path in the workspace */
  const text = (target) => readFileSync(path.join(root, target), 'utf8');
  const session = {
    client,
    root,
    settings,
    /** @type {any[]} the params of every workspace/configuration request */
    configurationRequests: [],
    /** @type {any[]} the params of every workspace/applyEdit request */
    appliedEdits: [],
    /** @type {any} the server's answer to initialize */
    init: undefined,
    uri,
    text,
    /**
     * Opens a workspace file (or `content` under its name) in the server.
     * @param {string} target
     * @param {number} [version]
     * @param {string} [content]
     */
    open(target, version = 1, content = text(target)) {
      client.notify('textDocument/didOpen', { textDocument: { uri: uri(target), languageId: 'python', version, text: content } });
      return { uri: uri(target), text: content };
    },
    /**
     * The first publishDiagnostics for `uri` (past or future) whose params satisfy `predicate`.
     * @param {string} uri
     * @param {(params: any) => boolean} [predicate]
     */
    published: (uri, predicate = () => true) =>
      client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && predicate(m.params)),
    async close() {
      try {
        await Promise.race([client.shutdown(), new Promise((r) => setTimeout(r, 5000).unref())]);
      } finally {
        client.proc.kill();
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
  client.onRequest('workspace/configuration', (params) => {
    session.configurationRequests.push(params);
    return params.items.map((/** @type {{ section?: string }} */ item) =>
      item.section === 'dtypeGuard' ? session.settings : null,
    );
  });
  client.onRequest('workspace/applyEdit', (params) => {
    session.appliedEdits.push(params);
    return { applied: true };
  });
  client.onRequest('client/registerCapability', () => null);
  client.onRequest('workspace/diagnostic/refresh', () => null);
  const capabilities = {
    workspace: { configuration, workspaceFolders: true, diagnostics: { refreshSupport: pull } },
    textDocument: pull ? { diagnostic: { dynamicRegistration: false } } : { publishDiagnostics: { versionSupport: true } },
    window: { showDocument: { support: true } },
  };
  const folder = { uri: pathToFileURL(root).href, name: 'workspace' };
  session.init = await client.request('initialize', {
    processId: process.pid,
    rootUri: folder.uri,
    workspaceFolders: [folder],
    capabilities,
    initializationOptions: initializationOptions?.(folder.uri),
  });
  client.notify('initialized', {});
  return session;
}
