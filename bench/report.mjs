// Renders a benchmark summary as the Markdown table the README quotes.

const ratio = (a, b) => (a / b).toFixed(2);
const ok = (pass) => (pass ? 'met' : 'missed');

export function report(s) {
  const { cli, cliOneThread, parseOnly, ruff, prefilter, latency, latencyNoDebounce: fast } = s;
  const latencyRatio = latency.editToDiagnosticsMs.median / latency.ruffCheckMs.median;
  const fastRatio = fast.editToDiagnosticsMs.median / fast.ruffCheckMs.median;
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

Editor latency on the ${latency.lines}-line file (${latency.findingsOnOpen} findings), 30 single-character edits, each waited for: edit → diagnostics of that version median ${latency.editToDiagnosticsMs.median.toFixed(0)} ms (max ${latency.editToDiagnosticsMs.max.toFixed(0)} ms) with the server's default debounce, ${fast.editToDiagnosticsMs.median.toFixed(0)} ms (max ${fast.editToDiagnosticsMs.max.toFixed(0)} ms) with \`debounceMs\` 0; ruff's wasm check of the same text median ${latency.ruffCheckMs.median.toFixed(0)} ms / ${fast.ruffCheckMs.median.toFixed(0)} ms in the two runs; ratios ${latencyRatio.toFixed(2)} and ${fastRatio.toFixed(2)}. Opening the file took ${latency.openMs.toFixed(0)} ms.
Server memory: ${latency.serverMemory.afterInitMb.toFixed(0)} MB after initialize, ${latency.serverMemory.afterEditsMb.toFixed(0)} MB after the edits (peak ${latency.serverMemory.peakMb.toFixed(0)} MB), with the corpus folders added as workspace folders.

| target | measured | |
|---|---|---|
| whole-corpus CLI ≤ 1.0× ruff | ${ratio(cli.wallMs, ruff.wallMs)}× | ${ok(cli.wallMs <= ruff.wallMs)} |
| edit → diagnostics median ≤ 0.5× ruff's single-file check (default debounce) | ${latencyRatio.toFixed(2)}× | ${ok(latencyRatio <= 0.5)} |
| the same without debounce | ${fastRatio.toFixed(2)}× | ${ok(fastRatio <= 0.5)} |
| server RSS ≤ 150 MB after indexing the corpus | ${latency.serverMemory.afterEditsMb.toFixed(0)} MB | ${ok(latency.serverMemory.afterEditsMb <= 150)} |
`;
}
