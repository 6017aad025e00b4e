// Server memory after it has analysed the corpus as a workspace: diagnosticMode "workspace" over the
// given folders, push diagnostics; the run is over when no diagnostics arrived for QUIET_MS.
// Usage: node bench/workspace-memory.mjs FOLDER...
// DIAGNOSTICS_OUT=FILE also writes the last diagnostics published per file, one `uri code range` line
// each, sorted, so that two builds can be compared for the same findings.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../test/helpers/lsp.mjs';

const QUIET_MS = 10_000;
const LIMIT_MS = 15 * 60_000;
const folders = process.argv.slice(2);

function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

const client = new LspClient();
client.onRequest('workspace/configuration', (params) => params.items.map(() => ({ diagnosticMode: 'workspace' })));
const start = Date.now();
let last = Date.now();
const files = new Set();
client.proc.stdout.on('data', () => (last = Date.now()));
await client.request('initialize', {
  processId: process.pid,
  rootUri: null,
  capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { publishDiagnostics: {} } },
  workspaceFolders: folders.map((f) => ({ uri: pathToFileURL(f).href, name: f })),
});
client.notify('initialized', {});
const afterInit = memory(client.proc.pid);
while (Date.now() - last < QUIET_MS && Date.now() - start < LIMIT_MS) {
  await new Promise((r) => setTimeout(r, 500));
  for (const m of client.notifications) if (m.method === 'textDocument/publishDiagnostics') files.add(m.params.uri);
}
const after = memory(client.proc.pid);
const findings = client.notifications
  .filter((m) => m.method === 'textDocument/publishDiagnostics')
  .reduce((byUri, m) => byUri.set(m.params.uri, m.params.diagnostics.length), new Map());
if (process.env.DIAGNOSTICS_OUT) writeFileSync(process.env.DIAGNOSTICS_OUT, diagnosticLines(client.notifications));
await client.shutdown();
process.stdout.write(
  JSON.stringify({
    folders,
    seconds: (last - start) / 1000,
    filesPublished: files.size,
    findings: [...findings.values()].reduce((a, b) => a + b, 0),
    afterInitMb: afterInit.rssMb,
    afterIndexMb: after.rssMb,
    peakMb: after.peakMb,
  }) + '\n',
);

function diagnosticLines(notifications) {
  const last = new Map();
  for (const m of notifications) if (m.method === 'textDocument/publishDiagnostics') last.set(m.params.uri, m.params.diagnostics);
  const lines = [];
  for (const [uri, diagnostics] of last) {
    for (const d of diagnostics) {
      const r = d.range;
      lines.push(`${uri} ${d.code} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`);
    }
  }
  return lines.sort().join('\n') + '\n';
}
