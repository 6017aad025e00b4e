/** Checks one file: read it safely, analyse it, and apply or diff its fixes. Runs on the main thread or a worker. */
import { constants, openSync, closeSync, readSync, fstatSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  analyze,
  applyEdits,
  invalidateConfig,
  mayHaveFindingsFor,
  nonOverlapping,
  type Finding,
  type Fix,
} from '../analysis/index';
import { unifiedDiff } from './diff';
import { displayPath, reason } from './files';
import { workspaceFor } from './roots';
import type { FileResult, FileTask } from './task';

/** Fix passes per file: a fix can expose another (ruff loops likewise), but never forever. */
const MAX_FIX_PASSES = 10;
const BINARY_PROBE = 8000;
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

type Loaded = { text: string; bom: boolean } | { skipped: string } | { error: string };

function load(task: FileTask): Loaded {
  if (task.stdin !== undefined) return decode(Buffer.from(task.stdin), task);
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
    if (stat.size > task.maxFileSize) return { skipped: `larger than ${task.maxFileSize} bytes` };
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, buffer, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return decode(buffer.subarray(0, read), task);
  } catch (error) {
    return { error: `cannot read (${reason(error)})` };
  } finally {
    closeSync(fd);
  }
}

function decode(buffer: Buffer, task: FileTask): Loaded {
  if (buffer.length > task.maxFileSize) return { skipped: `larger than ${task.maxFileSize} bytes` };
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

function fixable(finding: Finding, unsafe: boolean): Fix | undefined {
  return finding.fixes.find((f) => f.preferred && !f.displayOnly && (f.safe || unsafe));
}

export function checkFile(task: FileTask): FileResult {
  const result: FileResult = { file: task.file, findings: [], fixed: 0, parsed: false };
  const loaded = load(task);
  if ('error' in loaded) return { ...result, error: loaded.error };
  if ('skipped' in loaded) return { ...result, skipped: loaded.skipped };
  const options = {
    path: path.resolve(task.file),
    select: task.select,
    ignore: task.ignore,
    severity: task.severity,
    workspace: workspaceFor(task.roots, task.configGlobs),
  };
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
  if (text === original) return result;
  if (task.diff) result.diff = unifiedDiff(bom + original, bom + text, displayPath(task.file));
  else if (task.stdin === undefined) {
    try {
      writeFileSync(task.file, bom + text);
      // configs checked later in this run may read this file as a base: they must see the fixed text
      invalidateConfig(path.resolve(task.file));
    } catch (error) {
      return { ...result, error: `cannot write the fixes (${reason(error)})` };
    }
  }
  return result;
}

/** checkFile that never throws: an internal failure on one file is reported for that file and the run goes on. */
export function checkFileSafely(task: FileTask): FileResult {
  try {
    return checkFile(task);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { file: task.file, findings: [], fixed: 0, parsed: false, error: `internal error: ${message}` };
  }
}
