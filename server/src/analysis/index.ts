/** The public surface of the analysis core, shared by the server, the CLI, tests and benchmarks. */
export { analyze, analyzeSyntax, analyzeTree, isEnabled, mayHaveFindingsFor, type AnalyzeOptions } from './analyze';
export { conversion, parseSyntax, toSyntax, SyntaxNode } from './syntax';
export { brokenCallsOf, entryCounts } from './dtype/model';
export type { BrokenCall } from './dtype/broken';
export { applyEdits, nonOverlapping, lineStarts, offsetAt } from './edits';
export { initParser, parse, ParseCancelledError, type ParseLimits } from './parser';
export { codeOf, DTYPE_WORDS, mayHaveFindings, TRIGGER_WORDS } from './prefilter';
export { knownOpNames } from './ops';
export { KERNEL_CONTRACTS, kernelContract, type ArgRule, type KernelContract } from './kernelContracts';
export { rules, ruleByCode } from './rules/index';
export { ruleDocUrl } from './docs';
export type * from './types';
export { IncrementalSource, type SourceEdit } from './incremental';
export { fileNoqaEdit, lineNoqaEdit } from './suppress';
export { brokenParts, type BrokenPart } from './syntaxErrors';
export { diskWorkspace, memoryWorkspace, overlayWorkspace, type Workspace } from './config/workspace';
export { configEdited, effectiveConfig, invalidateConfig, type EffectiveConfig } from './config/effective';
export { ampSources, type AmpSource } from './config/amp';
export { isConfigFile } from './config/isConfig';
export { registryOf, registeredIn } from './config/registry';
export { findSitePackages } from './config/sitePackages';
export { configHoverAt, configDefinitionAt, type ConfigHoverInfo, type Place } from './config/hover';
/** The dtype lattice, exported for its unit tests. */
export * as dtypeLattice from './dtype/lattice';
export * as explain from './explain/index';
export { NotebookModule, applyCellEdits, blankMagics, type CellEdit, type CellRange, type CodeCell } from './notebook';
