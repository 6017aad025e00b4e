/** `dtype-guard check`: discover files, check them (on worker threads for large trees), report, choose the exit code. */
import path from 'node:path';
import { AnalysisSession, initParser } from '../analysis/index';
import { checkFileSafely } from './check-file';
import { RunSettings } from './config';
import { discoverFiles, displayPath } from './files';
import { notChecked } from './not-checked';
import { workspaceRoots } from './roots';
import { PARALLEL_THRESHOLD, WorkerPool, workerCount } from './pool';
import { Progress } from './progress';
import { report, type Format } from './report';
import type { FileResult, FileTask } from './task';

export interface CheckOptions {
  format: Format;
  fix?: boolean;
  diff?: boolean;
  unsafeFixes?: boolean;
  select?: string[];
  ignore?: string[];
  exitZero?: boolean;
  config?: string;
  stdinFilename?: string;
  quiet?: boolean;
  verbose?: boolean;
  jobs?: number;
  showFiles?: boolean;
}

/**
 * Exit codes: 0 no findings (or nothing to fix with --diff), 1 findings (files that could not be
 * checked among them, as DG000) or fixes to show, 2 a usage, configuration or internal error.
 */
export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

const note = (line: string) => process.stderr.write(`dtype-guard: ${line}\n`);

export async function runCheck(paths: string[], options: CheckOptions, readStdin: () => Promise<Buffer>): Promise<number> {
  const workers = new Workers(options.jobs);
  try {
    return await check(paths, options, readStdin, workers);
  } finally {
    workers.close();
  }
}

/**
 * The worker threads of a run, started as soon as the walk has found enough files for them, so
 * that loading their parsers overlaps the rest of the walk.
 */
class Workers {
  private pool?: WorkerPool;

  constructor(private readonly jobs: number | undefined) {}

  /** Called with the number of files found so far. */
  found = (count: number): void => {
    if (count === PARALLEL_THRESHOLD && !this.pool) {
      const size = workerCount(count, this.jobs);
      if (size > 0) this.pool = new WorkerPool(size);
    }
  };

  /** The pool for a run of this many files, or undefined to check on the main thread. */
  take(files: number): WorkerPool | undefined {
    const size = workerCount(files, this.jobs);
    if (size === 0) return undefined;
    this.pool ??= new WorkerPool(size);
    return this.pool;
  }

  close(): void {
    this.pool?.close();
  }
}

async function check(
  paths: string[],
  options: CheckOptions,
  readStdin: () => Promise<Buffer>,
  workers: Workers,
): Promise<number> {
  const started = Date.now();
  const settings = new RunSettings({ select: options.select, ignore: options.ignore, configFile: options.config });
  const base = {
    fix: !!options.fix && !options.diff && !options.showFiles,
    diff: !!options.diff,
    unsafeFixes: !!options.unsafeFixes,
  };
  let files: string[];
  let errors = 0;
  let unreadable: FileResult[] = [];
  let stdin: Buffer | undefined;
  if (options.stdinFilename !== undefined) {
    stdin = await readStdin();
    const excluded = settings.isExcluded(path.resolve(options.stdinFilename));
    if (excluded && options.verbose) note(`${displayPath(options.stdinFilename)}: excluded`);
    files = excluded ? [] : [options.stdinFilename];
    // An excluded file piped through --fix still comes out unchanged.
    if (excluded && base.fix) process.stdout.write(stdin);
  } else {
    const found = discoverFiles(paths.length ? paths : ['.'], {
      isExcluded: settings.isExcluded,
      onFile: options.showFiles ? undefined : workers.found,
    });
    if (options.verbose) for (const line of found.notes) note(line);
    files = found.files;
    unreadable = found.unreadable.map(({ file, reason }) => ({ file, findings: [notChecked(reason)], fixed: 0, parsed: false }));
  }
  if (options.showFiles) {
    for (const file of files) process.stdout.write(`${displayPath(file)}\n`);
    for (const { file, findings } of unreadable) note(`${displayPath(file)}: ${findings[0]!.message}`);
    return unreadable.length ? EXIT.findings : EXIT.clean;
  }
  const tasks: FileTask[] = files.map((file) => {
    const fileSettings = settings.forPath(path.resolve(file));
    return { file, ...fileSettings, roots: workspaceRoots(path.resolve(file), fileSettings.projectRoot), ...base, stdin };
  });
  if (options.verbose) {
    const sources = new Set(tasks.map((t) => settings.configFileFor(path.resolve(t.file)) ?? 'defaults'));
    for (const source of sources) note(`settings from ${source === 'defaults' ? source : displayPath(source)}`);
  }

  const pool = workers.take(tasks.length);
  const progress = new Progress(tasks.length, !!process.stderr.isTTY && options.format === 'text' && !options.quiet && !stdin);
  let results: FileResult[];
  if (pool) {
    results = await pool.run(tasks, () => progress.tick());
  } else {
    workers.close();
    await initParser();
    const session = new AnalysisSession();
    results = tasks.map((task) => {
      const result = checkFileSafely(task, session);
      progress.tick();
      return result;
    });
  }
  progress.clear();
  const checked = results.length;
  results.push(...unreadable);

  for (const r of results) {
    if (r.error) {
      note(`error: ${displayPath(r.file)}: ${r.error}`);
      errors++;
    } else if (r.skipped && options.verbose) note(`${displayPath(r.file)}: skipped (${r.skipped})`);
  }
  const outcome = report(results, options, !!stdin);
  if (options.verbose) {
    const parsed = results.filter((r) => r.parsed).length;
    note(
      `checked ${checked} files (${parsed} parsed, ${checked - parsed} skipped before parsing) ` +
        `in ${Date.now() - started} ms ${pool ? `on ${pool.size} worker threads` : 'on the main thread'}`,
    );
  }
  if (errors) return EXIT.error;
  if (options.exitZero) return EXIT.clean;
  return outcome.problems ? EXIT.findings : EXIT.clean;
}
