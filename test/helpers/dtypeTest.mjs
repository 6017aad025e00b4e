// Loads the bundled dtype-test generator (dist/dtype-test.js, rebundled when stale), typed by its sources.
import { createRequire } from 'node:module';
import { built } from './dist.mjs';

const require = createRequire(import.meta.url);
/** @type {typeof import('../../server/src/dtypeTest/bundle')} */
export const gen = require(built('dtype-test.js'));
