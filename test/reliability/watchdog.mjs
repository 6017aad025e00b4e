// A backstop against hangs: a property runs in a worker that is terminated if it never answers.
// The properties bound their own work by counting; the watchdog only turns a hang into a failure.
import { Worker } from 'node:worker_threads';

export function runInWorker(moduleUrl, exportName, args = {}, watchdogMs = 240_000) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.mjs', import.meta.url), { workerData: { moduleUrl, exportName, args } });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`${exportName} gave no answer within the watchdog (${watchdogMs} ms): a hang`));
    }, watchdogMs);
    worker.once('message', (msg) => {
      clearTimeout(timer);
      void worker.terminate();
      if (msg.ok) resolve(msg.value);
      else reject(new Error(msg.error));
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
