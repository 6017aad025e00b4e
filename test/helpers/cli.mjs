// Runs the bundled CLI (dist/cli.js) and builds throwaway projects for the CLI tests.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { built } from './dist.mjs';

const cli = built('cli.js');

/**
 * Runs `node dist/cli.js ...args`; returns status, stdout and stderr.
 * @param {string[]} args
 * @param {{ cwd?: string, input?: string, env?: NodeJS.ProcessEnv }} [options]
 */
export function run(args, { cwd = process.cwd(), input, env } = {}) {
  return spawnSync(process.execPath, [cli, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, ...env } });
}

/** A file with one DG101 finding (line 18) whose preferred fix is safe. */
export const POSITIVE = readFileSync(path.resolve('examples/models/fused_bias_conv.py'), 'utf8');
/** A Python file the rules have nothing to say about. */
export const CLEAN = 'import torch\n\n\ndef scale(x):\n    return x * 2\n';

/** Creates a temporary folder with the given files (path → content); returns its absolute path. */
export function project(files = {}) {
  const root = mkdtempSync(path.join(tmpdir(), 'dg-cli-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}

/** The `path:line` of each finding line in text output. @param {string} stdout */
export function findingLines(stdout) {
  return stdout
    .split('\n')
    .filter((l) => /^\S+:\d+:\d+: DG\d+/.test(l))
    .map((l) => l.split(':').slice(0, 2).join(':'))
    .sort();
}
