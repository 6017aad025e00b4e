/** `dtype-guard dtype-test PATH --class NAME [--out FILE]`: print or write the multi-dtype pytest of one class. */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { initParser, parseSyntax } from '../analysis/index';
import { defaultTestFileName, dtypeTest } from '../dtypeTest/index';
import { readSource } from '../readSource';
import { findProjectConfig, defaultSettings } from '../settingsSchema';
import { EXIT } from './run';
import { workspaceRoots } from './roots';

export interface DtypeTestOptions {
  class: string;
  out?: string;
}

const MAX_BYTES = 2_000_000;
const isFile = (p: string) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/** The test file a module's test goes to by default: `<project>/<tests-folder>/test_<module>_dtypes.py`. */
export function defaultTestFile(file: string): string {
  const project = findProjectConfig(path.dirname(file));
  const root = workspaceRoots(file, project && path.dirname(project.file))[0]!;
  const folder = project?.settings.testsFolder ?? defaultSettings().testsFolder;
  return path.resolve(root, folder, defaultTestFileName(file));
}

export async function runDtypeTest(target: string, options: DtypeTestOptions): Promise<number> {
  const file = path.resolve(target);
  const read = readSource(file, MAX_BYTES);
  if (!read.ok) throw new Error(`${target}: ${read.reason}`);
  await initParser();
  const root = parseSyntax(read.text);
  const out = options.out ? path.resolve(options.out) : undefined;
  const testFile = out ?? defaultTestFile(file);
  let existing: string | undefined;
  if (out && existsSync(out)) {
    const current = readSource(out, MAX_BYTES);
    if (!current.ok) throw new Error(`${options.out}: ${current.reason}`);
    existing = current.text;
  }
  const result = dtypeTest(root, { file, className: options.class, testFile, existing, isFile });
  for (const p of result.plan.placeholders) process.stderr.write(`placeholder: ${p}\n`);
  if (!out) {
    process.stdout.write(result.text);
    return EXIT.clean;
  }
  const shown = path.relative(process.cwd(), out) || out;
  if (result.status === 'present') {
    process.stdout.write(`${shown} already tests ${options.class}: left as it is\n`);
    return EXIT.clean;
  }
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, result.text);
  const what = result.status === 'created' ? 'wrote' : 'added a test to';
  process.stdout.write(`${what} ${shown} (${options.class} from ${result.module})\n`);
  return EXIT.clean;
}
