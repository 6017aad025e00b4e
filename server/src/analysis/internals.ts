/**
 * Parts of the core that only the project's own tests and tools reach: bundled with the public
 * index into dist/core.js as `internals`, never imported by the server, the CLI or the client.
 */
export { brokenCallsOf } from './dtype/model';
export * as dtypeLattice from './dtype/lattice';
export { effectiveConfig } from './config/effective';
export { ampSources } from './config/amp';
export { registryOf, registeredIn } from './config/registry';
export { codeOf, DTYPE_WORDS, mayHaveFindings, TABLE_WORDS, TRIGGER_WORDS } from './prefilter';
export { knownOpNames, tableNames } from './ops';
export { TENSOR_METHODS } from './dtype/torchApi';
export { hashesBeforeNoqa } from './noqa';
export { statementStarts } from './statementStarts';
