// Renders a benchmark summary as the Markdown table the README quotes.

const ratio = (a, b) => (a / b).toFixed(2);
const ok = (pass) => (pass ? 'met' : 'missed');

export function report(s) {
  const { cli, cliOneThread, parseOnly, ruff, prefilter, latency, memory, workspace } = s;
  const users = latencyRuns(latency).filter((r) => r.debounce === 'defaultDebounce');
  const worst = (key) => Math.max(...users.map((r) => r.ratio[key]));
  const m = memory.memory;
  return `# Benchmark results (${s.date})

Machine: ${s.machine.cores} cores (${s.machine.cpu}), Node ${s.machine.node}, load average at the end ${s.machine.loadavg.map((x) => x.toFixed(1)).join(' ')}.
Corpus: ${s.corpus.files} files, ${s.corpus.lines} lines (Python ${s.corpus.roots[0]}, PyTorch ${s.corpus.roots[1]}, a generated 20k-line model file). Median of ${s.runs} interleaved rounds, each in a fresh process (wall time includes Node start-up).

| contender | wall time | × ruff | peak RSS |
|---|---:|---:|---:|
| dtype-guard check (worker threads) | ${cli.wallMs} ms | ${ratio(cli.wallMs, ruff.wallMs)} | ${cli.peakRssMb} MB |
| dtype-guard check --jobs 1 | ${cliOneThread.wallMs} ms | ${ratio(cliOneThread.wallMs, ruff.wallMs)} | ${cliOneThread.peakRssMb} MB |
| parse only, same parser, 1 thread (floor) | ${parseOnly.wallMs} ms | ${ratio(parseOnly.wallMs, ruff.wallMs)} | ${parseOnly.peakRssMb} MB |
| ruff ${'wasm'} (E4, E7, E9, F), 1 thread | ${ruff.wallMs} ms | 1.00 | ${ruff.peakRssMb} MB |

The CLI checked ${cli.checked} files, parsed ${cli.parsed} (the rest failed the text prefilter) and reported ${cli.findings} findings; ruff checked ${ruff.checked} files (${ruff.failed} failed) with ${ruff.diagnostics} diagnostics.

Prefilter, one thread, analysis only (files already in memory): ${prefilter.msWithFilter.toFixed(0)} ms with it, ${prefilter.msWithout.toFixed(0)} ms without (${ratio(prefilter.msWithout, prefilter.msWithFilter)}× faster; ${prefilter.parsedWithFilter} of ${prefilter.files} files parsed; findings ${prefilter.findings.with} with and ${prefilter.findings.without} without).

${editorReport(s)}Server memory with the corpus as a workspace (\`diagnosticMode\` "workspace", push diagnostics for ${workspace.filesPublished} files, ${workspace.findings} findings, quiet after ${workspace.seconds.toFixed(0)} s): ${workspace.afterInitMb.toFixed(0)} MB after initialize, ${workspace.afterIndexMb.toFixed(0)} MB at the end (peak ${workspace.peakMb.toFixed(0)} MB).

| target | measured | |
|---|---|---|
| whole-corpus CLI ≤ 1.0× ruff | ${ratio(cli.wallMs, ruff.wallMs)}× | ${ok(cli.wallMs <= ruff.wallMs)} |
| edit → diagnostics p50 ≤ 0.5× warmed ruff's, on both files (default debounce) | up to ${worst('p50').toFixed(2)}× | ${ok(worst('p50') <= 0.5)} |
| edit → diagnostics p90 ≤ 1.0× warmed ruff's p90, on both files (default debounce) | up to ${worst('p90').toFixed(2)}× | ${ok(worst('p90') <= 1)} |
| server RSS ≤ 120 MB after 300 edits of the generated file | ${m.after300Edits.rssMb} MB | ${ok(m.after300Edits.rssMb <= 120)} |
| server RSS ≤ 150 MB after indexing the corpus | ${workspace.afterIndexMb.toFixed(0)} MB (peak ${workspace.peakMb.toFixed(0)} MB) | ${ok(workspace.afterIndexMb <= 150)} |
`;
}

/** Every latency run as one row: which file, which debounce, and its numbers. */
function latencyRuns(latency) {
  return Object.entries(latency).flatMap(([name, byDebounce]) =>
    Object.entries(byDebounce).map(([debounce, r]) => ({ name, debounce, ...r })),
  );
}

/** The editor part (bench/editor.mjs): latency on both files against ruff, and memory while editing. */
export function editorReport({ latency, memory }) {
  const runs = latencyRuns(latency);
  const m = memory.memory;
  return `Editor latency: the server and ruff's wasm check each warmed by ${runs[0].warmup} edits of the file (the same texts for both), then ${runs[0].edits} single-character edits in indented comments spread through the file, each waited for: edit → the diagnostics of that version, against ruff's check of the same text right after it.

| file | debounce | dtype-guard p50 / p90 | ruff p50 / p90 | × ruff p50 / p90 | opening |
|---|---|---:|---:|---:|---:|
${runs.map(latencyRow).join('\n')}

Server memory while editing the ${memory.lines}-line generated file (resident): ${m.afterInitialize.rssMb} MB after initialize, ${m.afterOpen.rssMb} MB after opening it, ${m.after30Edits.rssMb} MB after 30 edits, ${m.after300Edits.rssMb} MB after 300 (peak ${m.after300Edits.peakMb} MB), ${m.idle.rssMb} MB once idle for 10 s. After 300 edits the JS heap took ${m.after300Edits.heapTotal} MB (${m.after300Edits.heapUsed} MB in use) and buffers outside it ${m.after300Edits.external} MB (most of it the parser's wasm memory, 32 MB reserved at start, resident only where a parse used it).
`;
}

function latencyRow(r) {
  const ms = (x) => x.toFixed(0);
  const file =
    r.name === 'generated'
      ? `generated model file (${r.lines} lines, ${r.findingsOnOpen} findings)`
      : `real module code (${r.lines} lines, ${r.findingsOnOpen} findings)`;
  const debounce = r.debounce === 'defaultDebounce' ? 'server default' : '0';
  const t = r.editToDiagnosticsMs;
  const u = r.ruffCheckMs;
  return `| ${file} | ${debounce} | ${ms(t.p50)} / ${ms(t.p90)} ms | ${ms(u.p50)} / ${ms(u.p90)} ms | ${r.ratio.p50.toFixed(2)} / ${r.ratio.p90.toFixed(2)} | ${ms(r.openMs)} ms |`;
}
