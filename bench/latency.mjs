// Editor latency against ruff, both warmed the same way: drive the language server over stdio, open a
// file, and type one character at a time into comments spread through it (WARMUP edits first, then
// EDITS measured ones), timing each edit → the diagnostics published for that version; after each
// edit, time ruff's wasm check of the same text in this process (WARMUP checks first, then EDITS).
// Reports p50 and p90 of both, their ratios, and the server's resident memory.
// The server is asked for dtypeGuard.debounceMs = BENCH_DEBOUNCE_MS when it is set (else its default applies).
// Usage: node bench/latency.mjs FILE WORKSPACE_DIR...
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PositionEncoding, Workspace } from '@astral-sh/ruff-wasm-nodejs';
import { LspClient } from '../test/helpers/lsp.mjs';
import { percentile } from './measure.mjs';

const WARMUP = 20;
const EDITS = 30;
const [file, ...workspaceDirs] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const uri = pathToFileURL(file).href;

/** VmRSS / VmHWM of a process in MB, from /proc. */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

const stats = (xs) => ({ p50: percentile(xs, 50), p90: percentile(xs, 90), max: Math.max(...xs), all: xs });

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

// Edits append one character to indented comments (code inside classes and functions), spread through
// the file: the text parses the same, and the statement holding the comment is analysed again.
const lines = text.split('\n');
const targets = lines.map((l, i) => (/^\s+#/.test(l) ? i : -1)).filter((i) => i >= 0);
if (targets.length < WARMUP + EDITS) throw new Error(`${file}: only ${targets.length} indented comments to edit`);
const ruff = new Workspace({ lint: { select: ['E4', 'E7', 'E9', 'F'] } }, PositionEncoding.Utf16);
const ours = [];
const theirs = [];
for (let k = 0; k < WARMUP + EDITS; k++) {
  const line = targets[Math.floor(((k + 0.5) * targets.length) / (WARMUP + EDITS))];
  const character = lines[line].length;
  const version = k + 2;
  lines[line] += 'x';
  start = process.hrtime.bigint();
  client.notify('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }],
  });
  await client.waitFor(published(version), 60000);
  const oursMs = Number(process.hrtime.bigint() - start) / 1e6;
  // ruff checks the same text right after, so that load on the machine hits both alike.
  const edited = lines.join('\n');
  start = process.hrtime.bigint();
  ruff.check(edited);
  const theirsMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (k >= WARMUP) {
    ours.push(oursMs);
    theirs.push(theirsMs);
  }
}
const server = memory(client.proc.pid);
await client.shutdown();

const dtypeGuard = stats(ours);
const ruffStats = stats(theirs);
process.stdout.write(
  JSON.stringify({
    file,
    lines: lines.length,
    debounceMs: debounce === undefined ? 'server default' : Number(debounce),
    warmup: WARMUP,
    edits: EDITS,
    findingsOnOpen: opened.params.diagnostics.length,
    openMs,
    editToDiagnosticsMs: dtypeGuard,
    ruffCheckMs: ruffStats,
    ratio: { p50: dtypeGuard.p50 / ruffStats.p50, p90: dtypeGuard.p90 / ruffStats.p90 },
    serverMemory: { afterInitMb: afterInit.rssMb, afterEditsMb: server.rssMb, peakMb: server.peakMb },
  }) + '\n',
);
