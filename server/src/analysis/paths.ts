/** Paths as messages show them: relative to the workspace folder that holds the file, never the machine's. */
import path from 'node:path';

/** `models/fusion_conv.py` for a file under one of `roots`; the file name alone otherwise. */
export function workspacePath(file: string, roots: readonly string[] = []): string {
  for (const root of roots) {
    const rel = path.relative(root, file);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
  }
  return path.basename(file);
}
