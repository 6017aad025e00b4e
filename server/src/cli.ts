/** The `dtype-guard` command line: parse the arguments, run the command, turn errors into one line and exit 2. */
import { CommanderError, InvalidArgumentError } from 'commander';
import { buildProgram } from './cli/program';
import { EXIT } from './cli/run';

async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.clean;
  let verbose = argv.includes('--verbose') || argv.includes('-v');
  const program = buildProgram(
    (c) => (code = c),
    (v) => (verbose = v),
  );
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    // commander has printed its own message for usage errors; --help and --version exit 0.
    if (error instanceof CommanderError && !(error instanceof InvalidArgumentError))
      return error.exitCode === 0 ? EXIT.clean : EXIT.error;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`dtype-guard: error: ${message}\n`);
    if (verbose && error instanceof Error && error.stack) process.stderr.write(error.stack + '\n');
    return EXIT.error;
  }
}

// Output piped into a reader that stops early (`| head`): stop quietly, as other command-line tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

main(process.argv).then(
  (code) => (process.exitCode = code),
  () => (process.exitCode = 2),
);
