/** Checks one file: read it safely, analyse it, and apply or diff its fixes. Runs on the main thread or a worker. */
import { constants, openSync, closeSync, readSync, fstatSync } from 'node:fs';
import path from 'node:path';
import {
  analyze,
  applyEdits,
  mayHaveFindingsFor,
  nonOverlapping,
  type AnalysisSession,
  type AnalyzeOptions,
  type Fix,
} from '../analysis/index';
import { reason } from './files';
import { fixable, MAX_FIX_PASSES, writeBack } from './write-back';
import { checkNotebook } from './check-notebook';
import { isNotebookPath } from './notebook-file';
import { notChecked } from './not-checked';
import { workspaceFor } from './roots';
import type { FileResult, FileTask } from './task';

/**
 * Notebooks carry their outputs (images, tables), so the file may be far larger than its code:
 * it is read up to this size, and `maxFileSize` applies to the code cells.
 */
const NOTEBOOK_READ_LIMIT = 64_000_000;
const BINARY_PROBE = 8000;
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

type Loaded = { text: string; bom: boolean } | { skipped: string } | { error: string };

function load(task: FileTask): Loaded {
  const limit = isNotebookPath(task.file) ? Math.max(task.maxFileSize, NOTEBOOK_READ_LIMIT) : task.maxFileSize;
  if (task.stdin !== undefined) return decode(Buffer.from(task.stdin), limit);
  let fd: number;
  try {
    // Non-blocking, so opening a FIFO returns at once and fstat can turn it away.
    fd = openSync(task.file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { error: `cannot read (${reason(error)})` };
  }
  try {
    // fstat before reading: a FIFO or device would block or never end; a huge file is not read at all.
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { skipped: 'not a regular file' };
    if (stat.size > limit) return { skipped: `larger than ${limit} bytes` };
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, buffer, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return decode(buffer.subarray(0, read), limit);
  } catch (error) {
    return { error: `cannot read (${reason(error)})` };
  } finally {
    closeSync(fd);
  }
}

function decode(buffer: Buffer, limit: number): Loaded {
  if (buffer.length > limit) return { skipped: `larger than ${limit} bytes` };
  if (buffer.subarray(0, BINARY_PROBE).includes(0)) return { skipped: 'binary file' };
  let text: string;
  try {
    text = decoder.decode(buffer);
  } catch {
    return { skipped: 'not UTF-8' };
  }
  // Editors hide the byte-order mark, so positions are counted without it; it is put back on write.
  const bom = text.charCodeAt(0) === 0xfeff;
  return { text: bom ? text.slice(1) : text, bom };
}

/** `session`: the thread's analysis session, told of every file a fix writes. */
export function checkFile(task: FileTask, session: AnalysisSession): FileResult {
  const result: FileResult = { file: task.file, findings: [], fixed: 0, parsed: false };
  const loaded = load(task);
  // A file found or named that cannot be opened is reported as DG000, not passed over.
  if ('error' in loaded) return { ...result, findings: [notChecked(loaded.error)] };
  if ('skipped' in loaded) return { ...result, skipped: loaded.skipped };
  const options: AnalyzeOptions = {
    path: path.resolve(task.file),
    select: task.select,
    ignore: task.ignore,
    severity: task.severity,
    workspace: workspaceFor(task.roots, task.configGlobs, session),
    session,
  };
  if (isNotebookPath(task.file)) return checkNotebook(task, loaded.text, loaded.bom, options, result);
  const original = loaded.text;
  result.parsed = mayHaveFindingsFor(original, options);
  let text = original;
  let findings = result.parsed ? analyze(text, { ...options, prefilter: false }) : [];
  if (task.fix || task.diff) {
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const fixes = findings.map((f) => fixable(f, task.unsafeFixes)).filter((f): f is Fix => !!f);
      const chosen = nonOverlapping(fixes, text);
      if (!chosen.length) break;
      const next = applyEdits(
        text,
        chosen.flatMap((f) => f.edits),
      );
      if (next === text) break;
      text = next;
      result.fixed += chosen.length;
      findings = analyze(text, options);
    }
  }
  result.findings = findings;
  const bom = loaded.bom ? '\ufeff' : '';
  // With stdin the fixed text is the output even when nothing changed, so a pipe never loses the file.
  if (task.fix && task.stdin !== undefined) result.output = bom + text;
  return writeBack(task, bom + original, bom + text, result, session);
}

/** checkFile that never throws: an internal failure on one file is reported for that file and the run goes on. */
export function checkFileSafely(task: FileTask, session: AnalysisSession): FileResult {
  try {
    return checkFile(task, session);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { file: task.file, findings: [], fixed: 0, parsed: false, error: `internal error: ${message}` };
  }
}
