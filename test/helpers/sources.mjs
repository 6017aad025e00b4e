// The TypeScript sources below a folder (declaration files left out), in a stable order.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export function typeScriptSources(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...typeScriptSources(file));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(file);
  }
  return out;
}
