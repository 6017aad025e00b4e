// Reads the multi-file config fixtures: each folder under test/fixtures/configs/ is a small workspace
// whose .py files carry their expected findings as `# expect: DG201` comments.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';

export const CONFIG_FIXTURES = path.resolve('test/fixtures/configs');

/**
 * @param {string} dir
 * @returns {string[]}
 */
function pythonFiles(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return pythonFiles(full);
      return name.endsWith('.py') ? [full] : [];
    });
}

/** The `CODE@line` expectations written in a file. @param {string} text */
export function expectations(text) {
  /** @type {string[]} */
  const expected = [];
  text.split('\n').forEach((line, i) => {
    const m = /#\s*expect:\s*([A-Z]+\d+(?:\s*,\s*[A-Z]+\d+)*)/.exec(line);
    if (m) for (const code of m[1].split(/\s*,\s*/)) expected.push(`${code}@${i + 1}`);
  });
  return expected.sort();
}

/** Every case: its folder, the config globs of its pyproject.toml, and its files with expectations. */
export function loadConfigCases(root = CONFIG_FIXTURES) {
  return readdirSync(root)
    .sort()
    .map((name) => {
      const dir = path.join(root, name);
      const toml = path.join(dir, 'pyproject.toml');
      /** @type {{ tool?: { 'dtype-guard'?: { 'config-globs'?: string[] } } }} */
      const pyproject = existsSync(toml) ? parseToml(readFileSync(toml, 'utf8')) : {};
      const table = pyproject.tool?.['dtype-guard'];
      const files = pythonFiles(dir).map((file) => {
        const text = readFileSync(file, 'utf8');
        return { file, rel: path.relative(dir, file), text, expected: expectations(text) };
      });
      return { name, dir, configGlobs: table?.['config-globs'] ?? [], files };
    });
}
