// Property tests of the analysis core on randomly edited fixtures and examples (seeded, replayable:
// DG_FUZZ_SEED replays another seed, DG_FUZZ_SCALE multiplies the case counts).
import { test } from 'node:test';
import { runInWorker } from './watchdog.mjs';

const properties = new URL('./properties.mjs', import.meta.url).href;
const names = ['noCrashInsideText', 'incrementalEqualsFresh', 'fixesAreSafe', 'noqaEditChangesNoCode'];
// All workers start at once: the test runner keeps one file at a time busy, so the other core is free.
const running = new Map(names.map((name) => [name, runInWorker(properties, name)]));
for (const promise of running.values()) promise.catch(() => {}); // each test below reports its own failure

for (const name of names) {
  test(`property: ${name}`, async (t) => {
    const counts = await running.get(name);
    t.diagnostic(`${name}: ${JSON.stringify(counts)}`);
  });
}
