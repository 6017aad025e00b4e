/** The worker-thread entry of the CLI (bundled as dist/cli-worker.js): one analysis session of its own, checks files on request. */
import { parentPort } from 'node:worker_threads';
import { AnalysisSession, initParser } from '../analysis/index';
import { checkFileSafely } from './check-file';
import type { FileTask } from './task';

const ready = initParser().then(() => new AnalysisSession());

parentPort?.on('message', (msg: { id: number; task: FileTask }) => {
  void ready.then((session) => {
    parentPort?.postMessage({ id: msg.id, result: checkFileSafely(msg.task, session) });
  });
});
