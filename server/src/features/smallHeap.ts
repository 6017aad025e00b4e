/**
 * How V8 sizes the server's heap once it analyses whole workspaces. A pass allocates a lot of
 * short-lived data file after file: with V8's default heuristics the young generation grows to its
 * maximum and garbage piles up in the old one (well over 100 MB), and stays there once the server
 * is idle, because the memory reducer of an idle process believes it is still allocating fast.
 * With `--optimize-for-size` the collector keeps the young generation small, collects the old one
 * sooner and, once idle, shrinks the heap.
 *
 * The flag is set once, when the first pass starts, and never cleared: V8 does not promise that a
 * flag changed while it runs is safe to change back and forth (switching some collector flags at
 * run time aborts the process), so the server changes it at most once. A server that never runs a
 * pass (the default `openFiles` mode) keeps V8's defaults.
 */
import { setFlagsFromString } from 'node:v8';

let small = false;

/** Runs a whole-workspace pass, switching V8 to its small-heap heuristics first (when it has files). */
export function withSmallHeap<T>(hasFiles: boolean, pass: () => Promise<T>): Promise<T> {
  if (hasFiles && !small) {
    small = true;
    setFlagsFromString('--optimize-for-size');
  }
  return pass();
}
