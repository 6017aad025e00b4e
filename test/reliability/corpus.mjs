// The texts the property tests start from: every Python file among the fixtures and the examples.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

function pythonFiles(dir) {
  const out = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...pythonFiles(full));
    else if (e.isFile() && e.name.endsWith('.py')) out.push(full);
  }
  return out;
}

/** [{ file, text }] for test/fixtures/** and examples/**, in a stable order. */
export function loadCorpus(root = process.cwd()) {
  return [...pythonFiles(path.join(root, 'test/fixtures')), ...pythonFiles(path.join(root, 'examples'))].map((file) => ({
    file: path.relative(root, file),
    text: readFileSync(file, 'utf8'),
  }));
}
