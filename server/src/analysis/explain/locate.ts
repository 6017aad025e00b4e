/**
 * Finds the workspace file a traceback frame names. The path is the log's word, so it is never
 * trusted: only paths that lie inside a workspace folder are tried (before anything touches the
 * disk), installed packages are skipped, and a path from another machine is matched by its tail
 * (`/home/alice/det/models/head.py` → `<root>/models/head.py`).
 */
import path from 'node:path';
import { isInside } from '../fileAccess';

/** Frames in installed packages (mmengine, mmcv, torch) are library code, never the user's line. */
const INSTALLED = /[\\/](site-packages|dist-packages)[\\/]|^<|[\\/]lib[\\/]python\d[\d.]*[\\/](?!site-packages)/;
/** Path segments taken from the end for a match by tail: deeper paths are not tried. */
const MAX_TAIL = 24;

/** Whether the frame's file is library code or not a file (`<frozen runpy>`, `<string>`). */
export function isLibraryFrame(file: string): boolean {
  return INSTALLED.test(file);
}

/** The paths inside `roots` this frame file may be, most specific first; none outside them. */
export function candidatePaths(file: string, roots: string[]): string[] {
  if (!file || isLibraryFrame(file) || file.includes('\0')) return [];
  const out: string[] = [];
  const add = (candidate: string) => {
    if (isInside(candidate, roots) && !out.includes(candidate)) out.push(candidate);
  };
  const posix = file.replace(/\\/g, '/');
  const windows = /^[A-Za-z]:\//.test(posix);
  if (path.isAbsolute(posix) && !windows) add(path.resolve(posix));
  else if (!windows) for (const root of roots) add(path.resolve(root, posix));
  const segments = posix.split('/').filter((s) => s && s !== '.');
  // A tail with `..` could climb out of the root: only plain names are matched.
  for (let k = Math.min(segments.length, MAX_TAIL); k >= 1; k--) {
    const tail = segments.slice(-k);
    if (tail.some((s) => s === '..' || /^[A-Za-z]:$/.test(s))) continue;
    for (const root of roots) add(path.join(root, ...tail));
  }
  return out;
}
