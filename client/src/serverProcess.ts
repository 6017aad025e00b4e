/**
 * Forks the language server as soon as the extension's bundle runs, before the language client
 * library loads and before the editor calls activate(): node and the server's bundle load in the
 * meantime. Each later start (a restart, a crash) forks a new process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

/** A server process, for the modules that must not import child_process themselves. */
export type ServerProcess = ChildProcess;

/** dist/server.js, next to this bundle (dist/extension.js). */
const SERVER = path.join(__dirname, 'server.js');
/** A server forked at load time that no client took within this long is stopped (the extension never activated). */
const UNCLAIMED_MS = 60_000;
/** The flags by which the language client library tells that the extension host is being debugged. */
const DEBUG_FLAGS = ['--inspect', '--inspect-brk', '--debug', '--debug-brk'];

function inDebugMode(): boolean {
  return process.execArgv.some((arg) => DEBUG_FLAGS.some((flag) => arg === flag || arg.startsWith(`${flag}=`)));
}

/** The server over node IPC, as the language client library forks a `module` server. */
export function forkServer(): ChildProcess {
  return fork(SERVER, ['--node-ipc', `--clientProcessId=${process.pid}`], {
    silent: true,
    // In the desktop editor process.execPath is the editor's own binary: run it as plain node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ELECTRON_NO_ASAR: '1' },
    execArgv: inDebugMode() ? ['--nolazy', '--inspect=6011'] : [],
  });
}

let early: ChildProcess | undefined;
let earlyFailed = false;
/** When the early fork happened, in ms of the extension host (undefined when it failed). */
export let forkedAt: number | undefined;
try {
  early = forkServer();
  forkedAt = performance.now();
  // An 'error' event nobody listens to would throw in the extension host; the client's own start reports it.
  early.on('error', () => (earlyFailed = true));
} catch {
  early = undefined;
}
const unclaimed = setTimeout(() => {
  early?.kill();
  early = undefined;
}, UNCLAIMED_MS);
unclaimed.unref();

/** The server forked at load time when it is still running and not yet taken, else a new one. */
export function serverProcess(): ChildProcess {
  const taken = early;
  early = undefined;
  clearTimeout(unclaimed);
  if (taken && !earlyFailed && taken.connected && taken.exitCode === null && taken.signalCode === null) return taken;
  taken?.kill();
  return forkServer();
}
