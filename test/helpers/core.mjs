// Loads the bundled analysis core (dist/core.js) once for the tests.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const core = require('../../dist/core.js');
await core.initParser();
