// Where the ecosystem check finds the project's files and the pinned trees it runs on.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (two levels above this module). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The triage of every finding on the trees, and the pinned list of repositories. */
export const triagePath = path.join(projectRoot, 'test', 'ecosystem', 'expected.json');
export const reposPath = path.join(projectRoot, 'test', 'ecosystem', 'repos.txt');
export const cliPath = path.join(projectRoot, 'dist', 'cli.js');

/** The folder holding one tree per repository: `DTYPE_GUARD_ECOSYSTEM`, else `../shared/ecosystem`. */
export function ecosystemRoot(env = process.env) {
  if (env.DTYPE_GUARD_ECOSYSTEM) return path.resolve(env.DTYPE_GUARD_ECOSYSTEM);
  return path.resolve(projectRoot, '..', 'shared', 'ecosystem');
}
