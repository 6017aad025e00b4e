/**
 * A whole-workspace pass allocates a lot of short-lived data (texts, trees, findings) file after
 * file; with V8's default heuristics the young generation grows to its maximum and garbage piles up
 * in the old one before a full collection runs, so the server's memory swells by well over 100 MB
 * and stays so while the server then sits idle. While such a pass runs, V8 is asked to favour a
 * small heap over speed (`--optimize-for-size`, read by the collector at each decision, so it can
 * be switched at run time), and one full collection ends the pass so that its garbage is returned
 * at once. The flag is switched back afterwards: it also slows the code analysing open documents.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let running = 0;
let collect: (() => void) | undefined;

/** Runs `work` with the small-heap preference on; overlapping passes keep it on until the last one ends. */
export async function withSmallHeap<T>(work: () => Promise<T>): Promise<T> {
  if (running++ === 0) setFlagsFromString('--optimize-for-size');
  try {
    return await work();
  } finally {
    if (--running === 0) {
      fullCollection();
      setFlagsFromString('--no-optimize-for-size');
    }
  }
}

/** One full garbage collection, through the `gc` function a context created after `--expose-gc` gets. */
function fullCollection(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    collect = typeof gc === 'function' ? (gc as () => void) : () => undefined;
  }
  collect();
}
