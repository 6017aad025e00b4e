/** The worker-thread entry of the CLI (bundled as dist/cli-worker.js): loads its own parser, checks files on request. */
import { parentPort } from 'node:worker_threads';
import { initParser } from '../analysis/index';
import { checkFileSafely } from './check-file';
import type { FileTask } from './task';

const ready = initParser();

parentPort?.on('message', (msg: { id: number; task: FileTask }) => {
  void ready.then(() => {
    parentPort?.postMessage({ id: msg.id, result: checkFileSafely(msg.task) });
  });
});
