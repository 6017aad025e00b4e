/** The `.gitignore` rules that apply inside a folder walk: the repository's files from its root down. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

interface Layer {
  base: string;
  rules: Ignore;
}

/** Caches, per folder, the stack of `.gitignore` files that govern it (outermost first). */
export class GitignoreRules {
  private readonly layers = new Map<string, Layer[]>();

  /** Whether git would ignore this path (a folder is tested as `name/`, as git does). */
  ignores(absPath: string, isDir: boolean): boolean {
    let ignored = false;
    for (const layer of this.layersFor(path.dirname(absPath))) {
      const rel = path.relative(layer.base, absPath).split(path.sep).join('/');
      if (!rel || rel.startsWith('..')) continue;
      const result = layer.rules.test(isDir ? `${rel}/` : rel);
      // A deeper file's negation (`!keep.py`) overrides an outer match, as in git.
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }

  private layersFor(dir: string): Layer[] {
    const cached = this.layers.get(dir);
    if (cached) return cached;
    const parent = path.dirname(dir);
    // Above the repository root (the folder holding `.git`) no .gitignore applies.
    const inherited = parent === dir || existsSync(path.join(dir, '.git')) ? [] : this.layersFor(parent);
    const own = readGitignore(dir);
    const layers = own ? [...inherited, { base: dir, rules: own }] : inherited;
    this.layers.set(dir, layers);
    return layers;
  }
}

function readGitignore(dir: string): Ignore | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(dir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
  return ignore().add(text);
}
