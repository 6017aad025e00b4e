// Editor latency: drive the language server over stdio, open the 20k-line file, apply 30 single-character
// edits and time each edit → the diagnostics published for that version; then time ruff's wasm check of
// the same text in the same process, and read the server's resident memory.
// The server is asked for dtypeGuard.debounceMs = BENCH_DEBOUNCE_MS when it is set (else its default applies).
// Usage: node bench/latency.mjs BIGFILE WORKSPACE_DIR...
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PositionEncoding, Workspace } from '@astral-sh/ruff-wasm-nodejs';
import { LspClient } from '../test/helpers/lsp.mjs';
import { median } from './measure.mjs';

const EDITS = 30;
const [bigFile, ...workspaceDirs] = process.argv.slice(2);
let text = readFileSync(bigFile, 'utf8');
const uri = pathToFileURL(bigFile).href;

/** VmRSS / VmHWM of a process in MB, from /proc. */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

const client = new LspClient();
const debounce = process.env.BENCH_DEBOUNCE_MS;
client.onRequest('workspace/configuration', (params) =>
  params.items.map(() => (debounce === undefined ? {} : { debounceMs: Number(debounce) })),
);
const published = (version) => (m) =>
  m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === version;
await client.initialize(
  { textDocument: { publishDiagnostics: { versionSupport: true } }, workspace: { workspaceFolders: true, configuration: true } },
  { diagnosticMode: 'workspace' },
);
const afterInit = memory(client.proc.pid);
client.notify('workspace/didChangeWorkspaceFolders', {
  event: { added: workspaceDirs.map((d) => ({ uri: pathToFileURL(d).href, name: d })), removed: [] },
});

let start = process.hrtime.bigint();
client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
const opened = await client.waitFor(published(1), 120000);
const openMs = Number(process.hrtime.bigint() - start) / 1e6;

// Edits type one character into the string literal of a helper, spread through the file.
const lines = text.split('\n');
const targets = lines.map((l, i) => (l.includes('"label": "helper_') ? i : -1)).filter((i) => i >= 0);
const latencies = [];
for (let k = 0; k < EDITS; k++) {
  const line = targets[Math.floor(((k + 0.5) * targets.length) / EDITS)];
  const character = lines[line].lastIndexOf('"}');
  const version = k + 2;
  lines[line] = lines[line].slice(0, character) + 'x' + lines[line].slice(character);
  start = process.hrtime.bigint();
  client.notify('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }],
  });
  await client.waitFor(published(version), 60000);
  latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
}
text = lines.join('\n');
const server = memory(client.proc.pid);
await client.shutdown();

// ruff's wasm check of the same (edited) text, 30 times after a warm-up, in this process.
const ruff = new Workspace({ lint: { select: ['E4', 'E7', 'E9', 'F'] } }, PositionEncoding.Utf16);
ruff.check(text);
const ruffMs = [];
for (let k = 0; k < EDITS; k++) {
  start = process.hrtime.bigint();
  ruff.check(text);
  ruffMs.push(Number(process.hrtime.bigint() - start) / 1e6);
}

process.stdout.write(
  JSON.stringify({
    lines: lines.length,
    debounceMs: debounce === undefined ? 'server default' : Number(debounce),
    findingsOnOpen: opened.params.diagnostics.length,
    openMs,
    editToDiagnosticsMs: { median: median(latencies), max: Math.max(...latencies), all: latencies },
    ruffCheckMs: { median: median(ruffMs), max: Math.max(...ruffMs) },
    serverMemory: { afterInitMb: afterInit.rssMb, afterEditsMb: server.rssMb, peakMb: server.peakMb },
  }) + '\n',
);
