/** A one-line progress counter on stderr, shown only on a terminal and only for text output. */

const INTERVAL_MS = 100;

export class Progress {
  private done = 0;
  private last = 0;
  private shown = false;

  constructor(
    private readonly total: number,
    private readonly enabled: boolean,
  ) {}

  tick(): void {
    this.done++;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < INTERVAL_MS && this.done < this.total) return;
    this.last = now;
    this.shown = true;
    process.stderr.write(`\r\x1b[Kchecking ${this.done}/${this.total} files`);
  }

  clear(): void {
    if (this.shown) process.stderr.write('\r\x1b[K');
    this.shown = false;
  }
}
