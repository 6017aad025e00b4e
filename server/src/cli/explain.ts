/**
 * `dtype-guard explain [LOG ...]`: read logs (or stdin) line by line, tie each dtype-mismatch error
 * to its line in the workspace (the current folder), report as `check` does.
 */
import { createReadStream, realpathSync } from 'node:fs';
import path from 'node:path';
import { AnalysisSession, analyze, diskWorkspace, explain, initParser, type Finding } from '../analysis/index';
import { RunSettings } from './config';
import { displayPath, reason } from './files';
import { report, type Format } from './report';
import { workspaceFor, workspaceRoots } from './roots';
import { EXIT } from './run';

export interface ExplainOptions {
  format: Format;
  select?: string[];
  ignore?: string[];
  config?: string;
  quiet?: boolean;
  verbose?: boolean;
}

const note = (line: string) => process.stderr.write(`dtype-guard: ${line}\n`);

/** Feeds a byte stream to the reader line by line; invalid UTF-8 and NUL bytes only spoil their own lines. */
async function readStream(stream: NodeJS.ReadableStream, reader: explain.TracebackReader): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const splitter = new explain.LineSplitter((line) => reader.push(line));
  for await (const chunk of stream) {
    splitter.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true }));
  }
  splitter.push(decoder.decode());
  splitter.end();
}

function safeRealpath(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return p;
  }
}

export async function runExplain(logs: string[], options: ExplainOptions, stdin: NodeJS.ReadableStream): Promise<number> {
  const reader = new explain.TracebackReader();
  let errors = 0;
  if (!logs.length) await readStream(stdin, reader);
  for (const log of logs) {
    try {
      await readStream(createReadStream(log, { highWaterMark: 64 * 1024 }), reader);
    } catch (error) {
      note(`error: ${displayPath(log)}: cannot read (${reason(error)})`);
      errors++;
    }
  }
  if (errors) return EXIT.error;
  await initParser();
  const session = new AnalysisSession();
  const cwd = path.resolve('.');
  const roots = [...new Set([cwd, safeRealpath(cwd)])];
  const disk = diskWorkspace(roots);
  const settings = new RunSettings({ select: options.select, ignore: options.ignore, configFile: options.config });
  const context: explain.ExplainContext = {
    roots,
    readFile: (file) => disk.readFile(file),
    findings: (file, text): Finding[] => {
      const s = settings.forPath(file);
      const workspace = workspaceFor(workspaceRoots(file, s.projectRoot), s.configGlobs, session);
      return analyze(text, { path: file, select: s.select, ignore: s.ignore, severity: s.severity, workspace, session });
    },
  };
  const explained = explain.explainErrors(reader.result(), context);
  const tied = explained.filter((e) => e.finding && e.file);
  const byFile = new Map<string, Finding[]>();
  for (const e of tied) byFile.set(e.file!, [...(byFile.get(e.file!) ?? []), e.finding!]);
  report(
    [...byFile].map(([file, findings]) => ({ file, findings, fixed: 0, parsed: true })),
    { format: options.format, quiet: true },
    false,
  );
  const untied = explained.filter((e) => !e.finding);
  for (const e of untied) note(`not tied to a line (${e.reason}): ${e.error.mismatch.text} (log line ${e.error.logLine})`);
  if (reader.dropped) note(`${reader.dropped} more distinct errors were not read (the first 1000 are kept)`);
  if (options.format === 'text' && !options.quiet) process.stdout.write(summary(explained, tied.length) + '\n');
  if (options.verbose)
    for (const e of tied)
      note(`${displayPath(e.file!)}: ${e.error.mismatch.text} (printed ${e.error.count}x, first on log line ${e.error.logLine})`);
  return explained.length && !untied.length ? EXIT.clean : EXIT.findings;
}

function summary(explained: explain.Explanation[], tied: number): string {
  if (!explained.length) return 'No dtype-mismatch error found.';
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const untied = explained.length - tied;
  return `${plural(explained.length, 'dtype-mismatch error')}: ${tied} tied to a line${untied ? `, ${untied} not` : ''}.`;
}
