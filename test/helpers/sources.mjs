// Files below a folder by how their names end, in a stable order (no folder link is followed).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * @param {string} dir
 * @param {string} suffix
 * @returns {string[]}
 */
export function filesEnding(dir, suffix) {
  /** @type {string[]} */
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...filesEnding(file, suffix));
    else if (name.endsWith(suffix)) out.push(file);
  }
  return out;
}

/** The TypeScript sources below a folder, declaration files left out. @param {string} dir */
export function typeScriptSources(dir) {
  return filesEnding(dir, '.ts').filter((file) => !file.endsWith('.d.ts'));
}
