#!/usr/bin/env node
// Fetches each repository of test/ecosystem/repos.txt that is missing under the ecosystem root, at
// its pinned commit: a shallow fetch of that one sha with git. Exit 0 when every tree is there,
// 1 when one could not be fetched (no network, unknown commit), 2 on a bad repos.txt.
//
//   node scripts/ecosystem-clone.mjs [--repos FILE]   (FILE: another list, default test/ecosystem/repos.txt)
//
// DTYPE_GUARD_ECOSYSTEM sets the root; DTYPE_GUARD_ECOSYSTEM_REMOTE the host (default https://github.com).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ecosystemRoot, reposPath } from './ecosystem/paths.mjs';
import { parseRepos } from './ecosystem/repos.mjs';

const remote = (process.env.DTYPE_GUARD_ECOSYSTEM_REMOTE || 'https://github.com').replace(/\/+$/, '');
// Never wait for a password prompt: a private or missing repository must fail, not hang.
const gitEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'echo' };
const FETCH_TIMEOUT_MS = 15 * 60 * 1000;

function git(args, cwd) {
  const run = spawnSync('git', args, { cwd, env: gitEnv, encoding: 'utf8', timeout: FETCH_TIMEOUT_MS });
  if (run.error) return { ok: false, why: run.error.code === 'ETIMEDOUT' ? 'timed out' : run.error.message };
  const lines = (run.stderr || '').trim().split('\n').filter(Boolean);
  return { ok: run.status === 0, why: lines.at(-1) ?? `git exited with ${run.status}` };
}

/** A folder that is missing or empty holds no tree yet. */
const hasTree = (dir) => existsSync(dir) && readdirSync(dir).length > 0;

/** Fetches one repository at `sha` into `dir`; on failure removes what it created and says why. */
function fetchTree({ repo, sha }, dir) {
  const url = `${remote}/${repo}.git`;
  const made = !existsSync(dir);
  mkdirSync(dir, { recursive: true });
  for (const args of [
    ['init', '-q'],
    ['fetch', '-q', '--depth', '1', url, sha],
    ['checkout', '-q', '--detach', 'FETCH_HEAD'],
  ]) {
    const step = git(args, dir);
    if (!step.ok) {
      // Leave the folder as it was: gone if this run made it, else empty again.
      rmSync(made ? dir : path.join(dir, '.git'), { recursive: true, force: true });
      return `could not fetch ${repo} at ${sha} from ${url}: ${step.why}`;
    }
  }
  return null;
}

/** The repository list named on the command line, the project's by default; null on bad usage. */
function listFrom(argv) {
  if (!argv.length) return reposPath;
  return argv.length === 2 && argv[0] === '--repos' ? path.resolve(argv[1]) : null;
}

function main(argv) {
  const listPath = listFrom(argv);
  if (!listPath) {
    process.stderr.write('usage: node scripts/ecosystem-clone.mjs [--repos FILE]\n');
    return 2;
  }
  let text;
  try {
    text = readFileSync(listPath, 'utf8');
  } catch (err) {
    process.stderr.write(`ecosystem-clone: cannot read ${listPath}: ${err.message}\n`);
    return 2;
  }
  const { repos, problems } = parseRepos(text);
  if (problems.length) {
    process.stderr.write(`ecosystem-clone: ${listPath}:\n  ${problems.join('\n  ')}\n`);
    return 2;
  }
  if (spawnSync('git', ['--version']).error) {
    process.stderr.write('ecosystem-clone: git is not installed\n');
    return 1;
  }
  const root = ecosystemRoot();
  // The first folder this run creates on the way to the root, if any: removed again when nothing
  // could be fetched, so that a failed run does not leave an empty root the check would then use.
  const madeRoot = mkdirSync(root, { recursive: true });
  const failed = [];
  for (const r of repos) {
    const dir = path.join(root, r.name);
    if (hasTree(dir)) {
      process.stdout.write(`present  ${r.name}\n`);
      continue;
    }
    process.stdout.write(`fetching ${r.repo} ${r.sha}\n`);
    const why = fetchTree(r, dir);
    if (why) failed.push(why);
  }
  if (!failed.length) {
    process.stdout.write(`ecosystem-clone: all ${repos.length} trees under ${root}\n`);
    return 0;
  }
  if (madeRoot && readdirSync(root).length === 0) rmSync(madeRoot, { recursive: true, force: true });
  process.stderr.write(
    `ecosystem-clone: ${failed.map((w) => w + '\n').join('')}` +
      `${failed.length} of ${repos.length} trees missing under ${root}; ` +
      'fetching needs network access to the host, or copy the trees there by hand\n',
  );
  return 1;
}

process.exitCode = main(process.argv.slice(2));
