// The bundles in dist/ that the tests run, rebundled first when they are missing or older than the
// sources, so that `node --test test/unit/x.test.mjs` right after an edit tests the edited code.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = path.join(ROOT, 'dist');

/** What scripts/bundle.mjs writes, and what it reads them from. */
const OUTPUTS = ['cli.js', 'cli-worker.js', 'core.js', 'dtype-test.js', 'extension.js', 'server.js', 'tree-sitter.wasm'];
const INPUTS = ['server/src', 'client/src', 'scripts/bundle.mjs', 'package.json', 'package-lock.json'];
const LOCK = path.join(DIST, '.bundle.lock');
/** How long to wait for another test process that is rebundling (esbuild takes about a second). */
const LOCK_DEADLINE_MS = 120_000;

/**
 * The newest modification time under `file` (a file or a folder), 0 when it does not exist.
 * @param {string} file
 * @returns {number}
 */
function newest(file) {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(file).map((name) => newest(path.join(file, name))));
}

/** Why dist/ cannot be used as it is, or undefined when every bundle is newer than every source. */
export function staleReason() {
  const missing = OUTPUTS.find((name) => !existsSync(path.join(DIST, name)));
  if (missing) return `dist/${missing} is missing`;
  const built = Math.min(...OUTPUTS.map((name) => statSync(path.join(DIST, name)).mtimeMs));
  const changed = INPUTS.find((input) => newest(path.join(ROOT, input)) > built);
  return changed ? `${changed} changed after the last build` : undefined;
}

/** True while the process whose id is written in the lock file runs. */
function lockHolderAlive() {
  const pid = Number(readFileSync(LOCK, 'utf8'));
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Blocks this thread for `ms` (the tests load the bundles at import time, before any await). @param {number} ms */
function pause(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Rebundles dist/ when it is stale. Test files run in parallel processes, so one of them bundles
 * while the others wait for its lock and check again. Only esbuild runs (about a second), not the
 * type-check: `npm run build` and `npm run check` report type errors.
 */
export function ensureBuilt() {
  const deadline = Date.now() + LOCK_DEADLINE_MS;
  for (let reason = staleReason(); reason; reason = staleReason()) {
    mkdirSync(DIST, { recursive: true });
    let fd;
    try {
      fd = openSync(LOCK, 'wx');
    } catch {
      if (existsSync(LOCK) && !lockHolderAlive()) rmSync(LOCK, { force: true });
      else if (Date.now() > deadline)
        throw new Error(`dist/ is stale (${reason}) and ${LOCK} is still held; run npm run build first`);
      else pause(100);
      continue;
    }
    try {
      writeSync(fd, String(process.pid));
      closeSync(fd);
      if (!staleReason()) return; // another process finished bundling in the meantime
      process.stderr.write(`test: ${reason}: rebundling dist/ (node scripts/bundle.mjs)\n`);
      const result = spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: ROOT, encoding: 'utf8' });
      if (result.status !== 0) {
        throw new Error(`dist/ is stale (${reason}) and rebundling failed; run npm run build first:\n${result.stderr}`);
      }
    } finally {
      rmSync(LOCK, { force: true });
    }
  }
}

/** The absolute path of a bundle in dist/, rebundled first when it is stale. @param {string} name */
export function built(name) {
  ensureBuilt();
  return path.join(DIST, name);
}
