// Loads the bundled analysis core (dist/core.js, rebundled when stale) once for the tests, typed by
// the sources it is bundled from.
import { createRequire } from 'node:module';
import { built } from './dist.mjs';

const require = createRequire(import.meta.url);
/** @type {typeof import('../../server/src/analysis/core-bundle')} */
export const core = require(built('core.js'));
await core.initParser();
