/** A dtype test for one class: a new pytest file, or an existing one extended with a test for another class. */
import type { SyntaxNode } from '../analysis/syntax';
import { importPathOf, rootFromTest } from './importPath';
import { readFile } from './moduleClasses';
import { planFor, type TestPlan } from './plan';
import { header, helpers, HELPERS_MARKER, importLines, section, testName } from './render';

export interface DtypeTestRequest {
  /** Absolute path of the Python file that defines the class. */
  file: string;
  className: string;
  /** Absolute path of the test file (where it will be written, or would be). */
  testFile: string;
  /** The test file's current text, when it exists. */
  existing?: string;
  /** Whether a path is an existing file (for `__init__.py` lookups). */
  isFile: (p: string) => boolean;
}

export interface DtypeTest {
  text: string;
  plan: TestPlan;
  module: string;
  /** `created`: a new file; `extended`: a test added to the existing file; `present`: it already had one. */
  status: 'created' | 'extended' | 'present';
}

export class DtypeTestError extends Error {}

/** The default test file of a module: `<tests folder>/test_<module>_dtypes.py`. */
export function defaultTestFileName(file: string): string {
  const base = file.replace(/\\/g, '/').split('/').pop()!.replace(/\.py$/, '');
  return `test_${base === '__init__' ? 'package' : base}_dtypes.py`;
}

export function dtypeTest(root: SyntaxNode, request: DtypeTestRequest): DtypeTest {
  const plan = planFor(readFile(root), request.className);
  const { module, root: importRoot } = importPathOf(request.file, request.isFile);
  const lines = importLines(rootFromTest(importRoot, request.testFile), module, request.className);
  const body = section(plan);
  const existing = request.existing;
  if (existing === undefined || !existing.trim()) {
    const text = [header(), lines.path, '', lines.from, '', helpers(), '', body].join('\n');
    return { text, plan, module, status: 'created' };
  }
  if (new RegExp(`^def ${testName(plan.className)}\\(`, 'm').test(existing))
    return { text: existing, plan, module, status: 'present' };
  if (!existing.includes(HELPERS_MARKER))
    throw new DtypeTestError(
      `${request.testFile} exists and was not written by dtype-guard dtype-test (no run_regime helper): choose another file`,
    );
  return { text: extend(existing, lines, module, plan.className, body), plan, module, status: 'extended' };
}

/** Adds the import (merged into an import of the same module) and the new test at the end. */
function extend(
  existing: string,
  lines: { path: string; from: string },
  module: string,
  className: string,
  body: string,
): string {
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const text = existing.replace(/\r\n/g, '\n').split('\n');
  const same = text.findIndex((l) => l.startsWith(`from ${module} import `));
  if (same >= 0) {
    const m = /^(from \S+ import )([^#]*?)(\s*#.*)?$/.exec(text[same]!);
    if (m) text[same] = `${m[1]}${m[2]!.trim()}, ${className}${m[3] ?? ''}`;
  } else {
    let last = -1;
    text.forEach((l, i) => {
      if (/^(from \S+ )?import /.test(l) || l.startsWith('sys.path.insert(')) last = i;
    });
    const add = text.includes(lines.path) ? [lines.from] : [lines.path, lines.from];
    text.splice(last + 1, 0, ...add);
  }
  while (text.length && !text[text.length - 1]!.trim()) text.pop();
  return [...text, '', '', ...body.split('\n')].join(eol).replace(/(\r?\n)*$/, eol);
}
