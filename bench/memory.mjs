// Server memory while editing: drive the language server over stdio, open a 20k-line file, apply
// 30 and then 270 more single-character edits (each waited for until its diagnostics arrive) and read
// the server's resident memory after initialize, after opening, after 30 and after 300 edits and
// once idle for 10 s after them, with
// what the server itself counts (JS heap, wasm and other buffers; bench/heap-hook.cjs).
// With WORKSPACE_DIRs the folders are analysed as a workspace first (diagnosticMode "workspace").
// BENCH_HEAP_SNAPSHOTS=DIR also writes a V8 heap snapshot into DIR at each of those points.
// BENCH_V8_FLAGS sets V8 flags in the server (to compare collector settings).
// Usage: node bench/memory.mjs BIGFILE [WORKSPACE_DIR...]
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../test/helpers/lsp.mjs';

const ROUNDS = [30, 300];
const QUIET_MS = 10_000;
/** After the last edit: how long an idle server is given to return memory before the last reading. */
const IDLE_MS = 10_000;
const [bigFile, ...workspaceDirs] = process.argv.slice(2);
const text = readFileSync(bigFile, 'utf8');
const uri = pathToFileURL(bigFile).href;
const snapshots = process.env.BENCH_HEAP_SNAPSHOTS && path.resolve(process.env.BENCH_HEAP_SNAPSHOTS);
const heapFile = path.join(mkdtempSync(path.join(tmpdir(), 'dg-bench-')), 'heap.jsonl');

/** VmRSS / VmHWM of a process in MB, from /proc, and the server's own counts (after a signal to its hook). */
async function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  const rss = { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
  const count = existsSync(heapFile) ? readFileSync(heapFile, 'utf8').split('\n').length : 0;
  process.kill(pid, 'SIGUSR2');
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    const written = existsSync(heapFile) ? readFileSync(heapFile, 'utf8').split('\n') : [];
    if (written.length > count) {
      const { rss: _, spaces, ...server } = JSON.parse(written.at(-2));
      const young = spaces.new_space.size + (spaces.new_large_object_space?.size ?? 0);
      return { ...rss, ...server, youngMb: young, oldMb: spaces.old_space.size };
    }
  }
}

if (snapshots) mkdirSync(snapshots, { recursive: true });
const client = new LspClient(['--stdio'], {
  NODE_OPTIONS: `--require ${path.resolve('bench/heap-hook.cjs')}`,
  BENCH_HEAP_FILE: heapFile,
  ...(snapshots ? { BENCH_HEAP_SNAPSHOTS: snapshots } : {}),
});
const pid = client.proc.pid;
const mode = workspaceDirs.length ? { diagnosticMode: 'workspace' } : {};
client.onRequest('workspace/configuration', (params) => params.items.map(() => mode));
const published = (version) => (m) =>
  m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === version;
await client.initialize({
  textDocument: { publishDiagnostics: { versionSupport: true } },
  workspace: { workspaceFolders: true, configuration: true },
});
const report = { lines: text.split('\n').length, workspace: workspaceDirs, memory: {} };
report.memory.afterInitialize = await memory(pid);

if (workspaceDirs.length) {
  // The folders' files are analysed in the background: wait until nothing was published for QUIET_MS.
  let last = Date.now();
  client.proc.stdout.on('data', () => (last = Date.now()));
  client.notify('workspace/didChangeWorkspaceFolders', {
    event: { added: workspaceDirs.map((d) => ({ uri: pathToFileURL(d).href, name: d })), removed: [] },
  });
  while (Date.now() - last < QUIET_MS) await new Promise((r) => setTimeout(r, 500));
  report.workspaceFiles = new Set(
    client.notifications.filter((m) => m.method === 'textDocument/publishDiagnostics').map((m) => m.params.uri),
  ).size;
  report.memory.afterWorkspace = await memory(pid);
}

client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
await client.waitFor(published(1), 120000);
report.memory.afterOpen = await memory(pid);

// Edits type one character, spread through the file: into the string literal of a helper in the
// generated file, else at the end of an indented comment (code inside classes and functions, as in
// latency.mjs), so that the statement holding it is analysed again.
const lines = text.split('\n');
const helpers = lines.map((l, i) => (l.includes('"label": "helper_') ? i : -1)).filter((i) => i >= 0);
const targets = helpers.length ? helpers : lines.map((l, i) => (/^\s+#/.test(l) ? i : -1)).filter((i) => i >= 0);
const editAt = (line) => (helpers.length ? lines[line].lastIndexOf('"}') : lines[line].length);
const last = ROUNDS.at(-1);
let version = 1;
for (const round of ROUNDS) {
  while (version - 1 < round) {
    const k = version - 1;
    const line = targets[Math.floor(((k + 0.5) * targets.length) / last)];
    const character = editAt(line);
    lines[line] = lines[line].slice(0, character) + 'x' + lines[line].slice(character);
    version++;
    client.notify('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }],
    });
    await client.waitFor(published(version), 60000);
  }
  report.memory[`after${round}Edits`] = await memory(pid);
}
await new Promise((r) => setTimeout(r, IDLE_MS));
report.memory.idle = await memory(pid);
await client.shutdown();
process.stdout.write(JSON.stringify(report) + '\n');
