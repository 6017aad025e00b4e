/**
 * Reads one source file from disk for the CLI and the workspace scan, or says in a few words why
 * it is skipped: not a regular file (a FIFO or a device would block or never end), unreadable,
 * too large, binary or not UTF-8.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

export type SourceRead = { ok: true; text: string; bom: boolean } | { ok: false; reason: string };

const BOM = '\ufeff';

export function readSource(file: string, maxBytes: number): SourceRead {
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    // Opened without blocking and checked on the open descriptor: a FIFO swapped in after the
    // folder walk cannot block the read, and a dangling link or a link loop fails right here.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: 'not a regular file' };
    if (stat.size > maxBytes) return { ok: false, reason: `larger than ${maxBytes} bytes (maxFileSize)` };
    bytes = readFileSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reasons: Record<string, string> = {
      ENOENT: 'not found (a dangling link?)',
      ELOOP: 'a symbolic link loop',
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      EISDIR: 'a directory',
    };
    return { ok: false, reason: (code && reasons[code]) ?? `cannot be read (${code ?? String(error)})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (bytes.includes(0)) return { ok: false, reason: 'binary content (NUL bytes)' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // Decoding with replacement characters and writing fixes back would corrupt the file.
    return { ok: false, reason: 'not valid UTF-8' };
  }
  const bom = text.startsWith(BOM);
  // Editors hide the BOM, so columns on line 1 are counted without it; fixes write it back.
  return { ok: true, text: bom ? text.slice(1) : text, bom };
}

/** The file's text as it is written back, with its BOM if it had one. */
export function withBom(text: string, bom: boolean): string {
  return bom ? BOM + text : text;
}
