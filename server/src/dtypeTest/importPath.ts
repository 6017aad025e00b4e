/**
 * Where a module is imported from, the way pytest's rootdir logic sees it: walk up from the file
 * while the folder has an `__init__.py`; the folder above the top package (the project root, `src/`
 * in a src layout, or the file's own folder when it is in no package) goes on `sys.path`.
 */
import path from 'node:path';

export interface ImportPath {
  /** The dotted module name (`models.blocks`). */
  module: string;
  /** The folder that must be on `sys.path` for the import to work. */
  root: string;
}

const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;

export class ImportPathError extends Error {}

/** The import path of a Python file; `isFile` tells whether a path exists (a real fs check or a test's). */
export function importPathOf(file: string, isFile: (p: string) => boolean): ImportPath {
  const abs = path.resolve(file);
  const base = path.basename(abs);
  if (!base.endsWith('.py')) throw new ImportPathError(`${file}: not a Python file (.py)`);
  const parts = base === '__init__.py' ? [] : [base.slice(0, -3)];
  let dir = path.dirname(abs);
  while (isFile(path.join(dir, '__init__.py')) && path.dirname(dir) !== dir) {
    parts.unshift(path.basename(dir));
    dir = path.dirname(dir);
  }
  const bad = parts.find((p) => !IDENTIFIER.test(p));
  if (!parts.length || bad !== undefined)
    throw new ImportPathError(`${file}: "${bad ?? base}" is not a Python identifier, so the module cannot be imported by name`);
  return { module: parts.join('.'), root: dir };
}

/** The Python expression of `root` relative to the test file: `Path(__file__).resolve().parent / "../src"`. */
export function rootFromTest(root: string, testFile: string): string {
  const rel = path
    .relative(path.dirname(path.resolve(testFile)), root)
    .split(path.sep)
    .join('/');
  return rel ? `(Path(__file__).resolve().parent / "${rel}").resolve()` : 'Path(__file__).resolve().parent';
}
