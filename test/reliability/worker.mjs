// Runs one exported function of a module in a worker thread and posts back its result or error.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

// Only meaningful inside a worker (a runner that loads every file under test/ finds nothing to do here).
if (!isMainThread && parentPort) {
  try {
    const mod = await import(workerData.moduleUrl);
    const value = await mod[workerData.exportName](workerData.args);
    parentPort.postMessage({ ok: true, value });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: (error instanceof Error && error.stack) || String(error) });
  }
}
