/**
 * How V8 sizes the server's heap around whole-workspace passes. A pass allocates a lot of
 * short-lived data file after file: with V8's default heuristics the young generation grows to its
 * maximum and garbage piles up in the old one (well over 100 MB), and stays there once the server
 * is idle, because the memory reducer of an idle process believes it is still allocating fast.
 * With `--optimize-for-size` the collector keeps the young generation small, collects the old one
 * sooner and, once idle, shrinks the heap. The flag is read at each decision, so it is switched at
 * run time: on from the start of a pass until the next open document is analysed (so the idle
 * server returns the pass's garbage), off while an open document is analysed (it would slow the
 * edit → diagnostics path). A server that never runs a pass keeps V8's defaults.
 */
import { setFlagsFromString } from 'node:v8';

let passes = 0;
let small = false;

function setSmall(on: boolean): void {
  if (on === small) return;
  small = on;
  setFlagsFromString(on ? '--optimize-for-size' : '--no-optimize-for-size');
}

/** Runs a whole-workspace pass with the small-heap preference on (when it has files); it stays on after the pass. */
export async function withSmallHeap<T>(hasFiles: boolean, pass: () => Promise<T>): Promise<T> {
  if (!hasFiles) return pass();
  passes++;
  setSmall(true);
  try {
    return await pass();
  } finally {
    passes--;
  }
}

/** Runs `work` (synchronous: an open document's analysis) with V8's faster defaults; back to small only inside a pass. */
export function atFullSpeed<T>(work: () => T): T {
  setSmall(false);
  try {
    return work();
  } finally {
    setSmall(passes > 0);
  }
}
