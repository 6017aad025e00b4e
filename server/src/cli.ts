/** The `dtype-guard` command line: check Python files and configs, print findings, apply fixes. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { analyze, applyEdits, initParser, nonOverlapping, type Finding } from './analysis/index';
import { discoverFiles } from './cli/files';
import { toSarif, type FileFindings } from './cli/sarif';
import { toText } from './cli/text';
import { readSource, withBom } from './readSource';
import { defaultSettings } from './settings';

declare const DTYPE_GUARD_VERSION: string | undefined;
const VERSION = typeof DTYPE_GUARD_VERSION === 'string' ? DTYPE_GUARD_VERSION : '0.0.0';

interface CheckOptions {
  format: 'text' | 'sarif';
  fix?: boolean;
  verbose?: boolean;
}

/** Exit codes: 0 no findings, 1 findings, 2 usage or internal error. */
async function check(paths: string[], options: CheckOptions): Promise<number> {
  await initParser();
  const results: FileFindings[] = [];
  for (const file of discoverFiles(paths.length ? paths : ['.'])) {
    const read = readSource(file, defaultSettings().maxFileSize);
    if (!read.ok) {
      process.stderr.write(`dtype-guard: note: skipped ${file}: ${read.reason}\n`);
      continue;
    }
    let source = read.text;
    let findings: Finding[] = analyze(source, { path: path.resolve(file) });
    if (options.fix && findings.length) {
      const preferred = findings.flatMap((f) => f.fixes.filter((x) => x.preferred));
      const fixed = applyEdits(
        source,
        nonOverlapping(preferred, source).flatMap((f) => f.edits),
      );
      if (fixed !== source) {
        writeFileSync(file, withBom(fixed, read.bom));
        source = fixed;
        findings = analyze(source, { path: path.resolve(file) });
      }
    }
    if (findings.length) results.push({ file, findings });
  }
  if (options.format === 'sarif') process.stdout.write(JSON.stringify(toSarif(results, VERSION), null, 2) + '\n');
  else {
    const text = toText(results);
    if (text) process.stdout.write(text + '\n');
  }
  return results.length ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const program = new Command('dtype-guard')
    .description('Find PyTorch code and OpenMMLab configs that break under half precision.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  let code = 0;
  let verbose = false;
  program
    .command('check')
    .description('check Python files and folders (default: the current folder)')
    .argument('[paths...]', 'files or folders')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'sarif']).default('text'))
    .option('--fix', 'apply the preferred fixes in place')
    .option('--verbose', 'show details of internal errors')
    .action(async (paths: string[], options: CheckOptions) => {
      verbose = !!options.verbose;
      code = await check(paths, options);
    });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`dtype-guard: error: ${message}\n`);
    if (verbose && error instanceof Error && error.stack) process.stderr.write(error.stack + '\n');
    return 2;
  }
}

main(process.argv).then(
  (code) => (process.exitCode = code),
  () => (process.exitCode = 2),
);
