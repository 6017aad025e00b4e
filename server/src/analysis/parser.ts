/** Loads web-tree-sitter and the Python grammar once, from the wasm files shipped next to the bundle. */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { Language, Parser, type Tree } from 'web-tree-sitter';

let parser: Parser | undefined;
let loading: Promise<Parser> | undefined;

/** The folder holding the two wasm files: next to the running bundle. */
function wasmDir(): string {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  if (existsSync(path.join(here, 'tree-sitter-python.wasm'))) return here;
  return path.resolve(here, '..', '..', '..', 'dist');
}

export function initParser(): Promise<Parser> {
  loading ??= (async () => {
    const dir = wasmDir();
    await Parser.init({ locateFile: (name: string) => path.join(dir, name) });
    const language = await Language.load(path.join(dir, 'tree-sitter-python.wasm'));
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
    return p;
  })();
  return loading;
}

/** The loaded parser; `initParser()` must have resolved first. */
export function getParser(): Parser {
  if (!parser) throw new Error('parser not initialised: await initParser() first');
  return parser;
}

/** Parses a whole source text (optionally reusing an edited old tree for an incremental reparse). */
export function parse(source: string, oldTree?: Tree | null): Tree {
  const tree = getParser().parse(source, oldTree ?? null);
  if (!tree) throw new Error('parse failed');
  return tree;
}
