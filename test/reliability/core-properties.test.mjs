// Property tests of the analysis core on randomly edited fixtures and examples (seeded, replayable).
import { test } from 'node:test';
import { runInWorker } from './watchdog.mjs';

const properties = new URL('./properties.mjs', import.meta.url).href;

for (const name of ['noCrashInsideText', 'incrementalEqualsFresh', 'fixesAreSafe']) {
  test(`property: ${name}`, async (t) => {
    const counts = await runInWorker(properties, name);
    t.diagnostic(`${name}: ${JSON.stringify(counts)}`);
  });
}
