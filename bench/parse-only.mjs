// The floor: read and parse every file with the same tree-sitter parser the CLI uses, then free the tree.
// Usage: node bench/parse-only.mjs FILELIST   (one path per line)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const core = createRequire(import.meta.url)('../dist/core.js');
await core.initParser();
// one parser for the run, as a CLI thread's session has
const session = new core.AnalysisSession();
let parsed = 0;
for (const file of readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean)) {
  core.parse(readFileSync(file, 'utf8'), null, {}, session.parser).delete();
  parsed++;
}
process.stdout.write(`${parsed}\n`);
