/** Splits a stream of text chunks into lines in bounded memory: a line longer than the cap keeps only its start. */

/** Characters of a line that are kept; tracebacks and error lines are far shorter. */
export const MAX_LINE = 4096;

export class LineSplitter {
  private current = '';
  /** The current line passed the cap: the rest of it is dropped until the next line break. */
  private overflow = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLine = MAX_LINE,
  ) {}

  push(chunk: string): void {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf('\n', start);
      const end = nl === -1 ? chunk.length : nl;
      this.append(chunk, start, end);
      if (nl === -1) return;
      this.emit();
      start = nl + 1;
    }
  }

  /** The last line, when the text does not end with a line break. */
  end(): void {
    if (this.current || this.overflow) this.emit();
  }

  private append(chunk: string, start: number, end: number): void {
    if (this.overflow) return;
    const room = this.maxLine - this.current.length;
    if (end - start > room) {
      this.current += chunk.slice(start, start + room);
      this.overflow = true;
    } else this.current += chunk.slice(start, end);
  }

  private emit(): void {
    const line = this.current.endsWith('\r') ? this.current.slice(0, -1) : this.current;
    this.current = '';
    this.overflow = false;
    this.onLine(line);
  }
}

/** The lines of a whole text (the editor's selection or clipboard), with the same cap. */
export function splitText(text: string, maxLine = MAX_LINE): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((l) => lines.push(l), maxLine);
  splitter.push(text);
  splitter.end();
  return lines;
}
