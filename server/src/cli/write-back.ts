/** What a file's fix passes share, whether it is a Python file or a notebook: the fix chosen per finding, and writing the result. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AnalysisSession, Finding, Fix } from '../analysis/index';
import { unifiedDiff } from './diff';
import { displayPath, reason } from './files';
import type { FileResult, FileTask } from './task';

/** Fix passes per file: a fix can expose another (ruff loops likewise), but never forever. */
export const MAX_FIX_PASSES = 10;

export function fixable(finding: Finding, unsafe: boolean): Fix | undefined {
  return finding.fixes.find((f) => f.preferred && !f.displayOnly && (f.safe || unsafe));
}

/** Shows (--diff) or writes (--fix) a file's fixed text; stdin's fixed text is already in the result. */
export function writeBack(
  task: FileTask,
  original: string,
  text: string,
  result: FileResult,
  session: AnalysisSession,
): FileResult {
  if (text === original) return result;
  if (task.diff) result.diff = unifiedDiff(original, text, displayPath(task.file));
  else if (task.stdin === undefined) {
    try {
      writeFileSync(task.file, text);
      // configs checked later in this run may read this file as a base: they must see the fixed text
      session.fileChanged(path.resolve(task.file));
    } catch (error) {
      return { ...result, error: `cannot write the fixes (${reason(error)})` };
    }
  }
  return result;
}
