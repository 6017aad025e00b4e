/** The command-line grammar: commands, flags and their checks (commander), mapped onto runCheck. */
import { Command, InvalidArgumentError, Option } from 'commander';
import { VERSION } from './report';
import { runDtypeTest, type DtypeTestOptions } from './dtypeTest';
import { runExplain, type ExplainOptions } from './explain';
import { runCheck, type CheckOptions } from './run';

/** Rule selectors: a code or a code prefix (`DG1`, `DG101`), or ALL. Prefixes of rules not yet written are allowed. */
function selectors(value: string, previous: string[] | undefined): string[] {
  const list = value
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  for (const s of list)
    if (!/^(ALL|DG\d{0,3})$/.test(s)) throw new InvalidArgumentError(`"${s}" is not a rule code or prefix (e.g. DG101, DG1)`);
  return [...(previous ?? []), ...list];
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Builds the program; `onExit` receives the exit code of the command that ran. */
export function buildProgram(onExit: (code: number) => void, onVerbose: (v: boolean) => void): Command {
  const program = new Command('dtype-guard')
    .description('Find PyTorch code and OpenMMLab configs that break under half precision.')
    .version(`dtype-guard ${VERSION}`, '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program
    .command('check')
    .description('check Python files and folders (default: the current folder)')
    .argument('[paths...]', 'files or folders')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif', 'github']).default('text'))
    .option('--fix', 'apply the preferred safe fixes in place')
    .option('--unsafe-fixes', 'also apply (and mark [*]) preferred fixes that are marked unsafe')
    .option('--diff', 'print the fixes as a unified diff and change nothing (exit 1 when there is something to fix)')
    .option('--select <codes>', 'only these rule codes or prefixes, comma-separated (replaces the project setting)', selectors)
    .option('--ignore <codes>', 'skip these rule codes or prefixes, comma-separated (added to the project setting)', selectors)
    .option('--exit-zero', 'exit 0 even when there are findings')
    .option('--config <path>', 'read [tool.dtype-guard] from this pyproject.toml instead of searching upward')
    .option('--stdin-filename <name>', 'read the file from stdin; NAME is its path for output and settings')
    .option('-q, --quiet', 'print findings only: no summary line')
    .option('-v, --verbose', 'also print skipped files, settings used, timing and stack traces of errors')
    .option('-j, --jobs <n>', 'worker threads (0 = automatic, 1 = no threads)', positiveInt)
    .option('--show-files', 'print the files that would be checked, one per line, and check nothing')
    .hook('preAction', (_program, command) => onVerbose(!!command.opts().verbose))
    .action(async (paths: string[], options: CheckOptions) => {
      if (options.quiet && options.verbose) throw new InvalidArgumentError('--quiet and --verbose cannot be used together');
      if (options.stdinFilename !== undefined && paths.length) {
        throw new InvalidArgumentError('--stdin-filename reads stdin: give no paths with it');
      }
      onExit(await runCheck(paths, options, () => readAll(process.stdin)));
    });
  program
    .command('dtype-test')
    .description('write a pytest that runs one nn.Module under float32, bfloat16, float16 and autocast')
    .argument('<path>', 'the Python file that defines the class')
    .requiredOption('--class <name>', 'the nn.Module class to test')
    .option('--out <file>', 'write the test to this file (extended when it exists) instead of printing it')
    .action(async (target: string, options: DtypeTestOptions) => {
      onExit(await runDtypeTest(target, options));
    });
  program
    .command('explain')
    .description('tie the dtype-mismatch errors of logs or tracebacks (default: stdin) to their lines in this folder')
    .argument('[logs...]', 'log files')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif', 'github']).default('text'))
    .option('--select <codes>', 'only these rule codes or prefixes, comma-separated (replaces the project setting)', selectors)
    .option('--ignore <codes>', 'skip these rule codes or prefixes, comma-separated (added to the project setting)', selectors)
    .option('--config <path>', 'read [tool.dtype-guard] from this pyproject.toml instead of searching upward')
    .option('-q, --quiet', 'print the explanations only: no summary line')
    .option('-v, --verbose', 'also print how often and where in the log each error was printed')
    .hook('preAction', (_program, command) => onVerbose(!!command.opts().verbose))
    .action(async (logs: string[], options: ExplainOptions) => {
      onExit(await runExplain(logs, options, process.stdin));
    });
  return program;
}
