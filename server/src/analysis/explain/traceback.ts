/**
 * Reads Python tracebacks out of a log, line by line: the frames of each traceback and the
 * dtype-mismatch error that ends it. Ranks of a distributed run may interleave their lines
 * (`[rank3]: ...`, `[default3]:...`): each prefix keeps its own traceback.
 */
import { matchMismatch, type Mismatch } from './wordings';

export interface Frame {
  /** The path as the log prints it (this machine's or another's). */
  file: string;
  /** 1-based. */
  line: number;
  function?: string;
  /** The source line the traceback shows under the frame, stripped. */
  code?: string;
  /** Python 3.11+ marks the failing expression with `^~~`: its offset into `code`. */
  caret?: number;
}

export interface LogError {
  mismatch: Mismatch;
  /** Outermost first, as Python prints them. */
  frames: Frame[];
  /** 1-based line of the log where the error was printed (the first time). */
  logLine: number;
  /** How many times the same error was printed (ranks, steps, re-raises). */
  count: number;
}

/** Frames kept per traceback (the innermost ones matter): bounds memory on deep recursion. */
const MAX_FRAMES = 256;
/** Distinct errors kept: a log of millions of different errors still reads in bounded memory. */
const MAX_ERRORS = 1000;
/** Rank prefixes kept apart; more are merged into one. */
const MAX_STREAMS = 512;

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
const PREFIX = /^\s*(\[(?:rank|default|local_rank)?\d+\]:|\[RANK \d+\]|\d+: )/;
const FRAME = /File "([^"]+)", line (\d+)(?:, in (.+))?/;
const CARET = /^\s*[~^]*\^[~^]*\s*$/;
const HEADER = /Traceback \(most recent call last\):/;

interface Stream {
  frames: Frame[];
  /** The last frame, while its source line may follow. */
  open?: Frame;
  /** The raw source line of `open` (with its indentation in the log), for a caret line. */
  codeLine?: string;
}

export class TracebackReader {
  private readonly streams = new Map<string, Stream>();
  private readonly errors = new Map<string, LogError>();
  private lineNo = 0;
  /** Errors past MAX_ERRORS that were not kept. */
  dropped = 0;

  push(raw: string): void {
    this.lineNo++;
    let line = raw.includes('\x1b') ? raw.replace(ANSI, '') : raw;
    const prefix = PREFIX.exec(line);
    const key = prefix ? prefix[1]!.replace(/\s+/g, '') : '';
    if (prefix) line = line.slice(prefix[0].length);
    const stream = this.stream(key);
    if (HEADER.test(line)) {
      stream.frames = [];
      stream.open = undefined;
      return;
    }
    const frame = FRAME.exec(line);
    if (frame) {
      const f: Frame = { file: frame[1]!, line: Number(frame[2]), function: frame[3]?.trim() };
      stream.frames.push(f);
      if (stream.frames.length > MAX_FRAMES) stream.frames.shift();
      stream.open = f;
      stream.codeLine = undefined;
      return;
    }
    const mismatch = matchMismatch(line);
    if (mismatch) {
      this.record(mismatch, stream.frames);
      stream.frames = [];
      stream.open = undefined;
      return;
    }
    if (stream.open && stream.codeLine === undefined && line.trim()) {
      stream.open.code = line.trim();
      stream.codeLine = line;
      return;
    }
    if (stream.open && stream.codeLine !== undefined && CARET.test(line)) {
      const indent = stream.codeLine.length - stream.codeLine.trimStart().length;
      const at = line.search(/[~^]/) - indent;
      if (at >= 0) stream.open.caret = at;
    }
    stream.open = undefined;
  }

  /** The errors read, in the order they were first printed. */
  result(): LogError[] {
    const all = [...this.errors.values()];
    // A logger's one-line summary of an error whose traceback is also in the log adds nothing.
    const traced = new Map(all.filter((e) => e.frames.length).map((e) => [e.mismatch.text, e] as const));
    return all.filter((e) => {
      const full = e.frames.length ? undefined : traced.get(e.mismatch.text);
      if (full) full.count += e.count;
      return !full;
    });
  }

  private stream(key: string): Stream {
    let stream = this.streams.get(key);
    if (!stream) {
      if (this.streams.size >= MAX_STREAMS) return this.stream('');
      stream = { frames: [] };
      this.streams.set(key, stream);
    }
    return stream;
  }

  private record(mismatch: Mismatch, frames: Frame[]): void {
    // The same error through the same frames is one error, whichever rank or step printed it.
    const where = frames.map((f) => `${tail(f.file)}:${f.line}`).join('\0');
    const key = `${mismatch.text}\0${where}`;
    const known = this.errors.get(key);
    if (known) {
      known.count++;
      return;
    }
    if (this.errors.size >= MAX_ERRORS) {
      this.dropped++;
      return;
    }
    this.errors.set(key, { mismatch, frames: [...frames], logLine: this.lineNo, count: 1 });
  }
}

/** The file name and its folder: what two machines' paths of one file have in common at least. */
function tail(file: string): string {
  return file.split(/[\\/]/).slice(-2).join('/');
}

/** Reads a whole text (a pasted traceback). */
export function readTracebacks(lines: Iterable<string>): LogError[] {
  const reader = new TracebackReader();
  for (const line of lines) reader.push(line);
  return reader.result();
}
