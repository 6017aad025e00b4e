/** When the extension's bundle began to run: imported first, so it runs before the language client's modules load. */
import { performance } from 'node:perf_hooks';

export const bundleStarted = performance.now();
