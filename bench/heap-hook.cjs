// Preloaded into the measured server (node --require): on SIGUSR2 appends its memory use by kind
// (process.memoryUsage and V8's heap spaces, in MB) as one JSON line to BENCH_HEAP_FILE, after
// writing a V8 heap snapshot into BENCH_HEAP_SNAPSHOTS when that folder is given.
const { appendFileSync } = require('node:fs');
const path = require('node:path');
const { getHeapSpaceStatistics, setFlagsFromString, writeHeapSnapshot } = require('node:v8');

// V8 flags that NODE_OPTIONS does not accept, to compare collector settings.
if (process.env.BENCH_V8_FLAGS) setFlagsFromString(process.env.BENCH_V8_FLAGS);

const mb = (bytes) => Math.round(bytes / 1048576);
let count = 0;
process.on('SIGUSR2', () => {
  // Read before the snapshot: taking one collects garbage and grows the heap.
  const usage = Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, mb(v)]));
  const spaces = Object.fromEntries(
    getHeapSpaceStatistics().map((s) => [s.space_name, { size: mb(s.space_size), used: mb(s.space_used_size) }]),
  );
  const dir = process.env.BENCH_HEAP_SNAPSHOTS;
  const snapshot = dir ? writeHeapSnapshot(path.join(dir, `server-${++count}.heapsnapshot`)) : undefined;
  appendFileSync(process.env.BENCH_HEAP_FILE, JSON.stringify({ ...usage, spaces, snapshot }) + '\n');
});
