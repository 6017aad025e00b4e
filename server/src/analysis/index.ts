/** The public surface of the analysis core, shared by the server, the CLI, tests and benchmarks. */
export { analyze, analyzeTree, isEnabled, type AnalyzeOptions } from './analyze';
export { applyEdits, nonOverlapping } from './edits';
export { initParser, parse } from './parser';
export { rules, ruleByCode } from './rules/index';
export { ruleDocUrl } from './docs';
export type * from './types';
/** The dtype lattice, exported for its unit tests. */
export * as dtypeLattice from './dtype/lattice';
