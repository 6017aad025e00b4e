/** The public surface of the analysis core, shared by the server, the CLI, tests and benchmarks. */
export { analyze, analyzeTree, isEnabled, type AnalyzeOptions } from './analyze';
export { applyEdits, nonOverlapping, lineStarts, offsetAt } from './edits';
export { initParser, parse, ParseCancelledError, type ParseLimits } from './parser';
export { DocumentTree, type TextChange } from './incremental';
export { rules, ruleByCode } from './rules/index';
export { ruleDocUrl } from './docs';
export type * from './types';
