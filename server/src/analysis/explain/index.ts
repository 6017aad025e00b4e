/** `explain`: from a dtype-mismatch error in a log to its line in the workspace, shared by the CLI and the server. */
export { explainErrors, type ExplainContext, type Explanation } from './explain';
export { EXPLAIN_CODE } from './describe';
export { dtypeFromError } from './dtypeNames';
export { LineSplitter, MAX_LINE, splitText } from './lines';
export { candidatePaths, isLibraryFrame } from './locate';
export { readTracebacks, TracebackReader, type Frame, type LogError } from './traceback';
export { matchMismatch, WORDING_IDS, type Mismatch } from './wordings';
