/** The generator with the parser it reads with, bundled together for tests (dist/dtype-test.js). */
export * from './index';
export { logDtypesFix } from '../logDtypes/index';
export { initParser, parseSyntax } from '../analysis/index';
