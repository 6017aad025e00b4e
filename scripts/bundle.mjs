// Bundles the extension, the language server, the CLI and the core library with esbuild, and
// copies the two wasm files (tree-sitter runtime and Python grammar) next to them.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const dist = path.resolve('dist');
mkdirSync(dist, { recursive: true });

// web-tree-sitter's ES module build reads import.meta.url, which a CommonJS bundle lacks.
const metaUrl = 'const __importMetaUrl = require("url").pathToFileURL(__filename).href;';
const shebang = '#!/usr/bin/env node';
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  logLevel: 'warning',
  define: { 'import.meta.url': '__importMetaUrl', DTYPE_GUARD_VERSION: JSON.stringify(version) },
  banner: { js: metaUrl },
  // jsonc-parser's default (UMD) build requires its parts at run time, which a bundle cannot follow.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};
const bin = { ...common, banner: { js: `${shebang}\n${metaUrl}` } };
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...bin, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' }),
  build({ ...bin, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' }),
  // The CLI's worker threads load this file from next to dist/cli.js.
  build({ ...common, entryPoints: ['server/src/cli/worker.ts'], outfile: 'dist/cli-worker.js' }),
  build({ ...common, entryPoints: ['server/src/analysis/core-bundle.ts'], outfile: 'dist/core.js' }),
  // The dtype-test generator with its own parser entry points, for its tests.
  build({ ...common, entryPoints: ['server/src/dtypeTest/bundle.ts'], outfile: 'dist/dtype-test.js' }),
]);

copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), path.join(dist, 'tree-sitter.wasm'));
copyFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'), path.join(dist, 'tree-sitter-python.wasm'));
for (const bin of ['cli.js', 'server.js']) chmodSync(path.join(dist, bin), 0o755);
