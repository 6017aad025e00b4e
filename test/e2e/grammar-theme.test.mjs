// The noqa codes in the colours a user sees: tokenized with VS Code's TextMate engine and its Python
// grammar under the Dark Modern and Light Modern themes (from code-server), each code must get a
// colour of its own, not the comment's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const textmate = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const injection = manifest.contributes.grammars.find((g) => g.injectTo?.includes('source.python'));
const pythonGrammar = require.resolve('code-server/lib/vscode/extensions/python/syntaxes/MagicPython.tmLanguage.json');
const themes = path.dirname(require.resolve('code-server/lib/vscode/extensions/theme-defaults/package.json'));

/** JSON with comments and trailing commas, as VS Code's theme files are written. */
function readJsonc(file) {
  const text = readFileSync(file, 'utf8');
  let out = '';
  for (let i = 0, inString = false; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i) + 1;
    } else out += c;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

/** A theme's token colours with those of the themes it includes, the including theme's last. */
function tokenColors(file) {
  const theme = readJsonc(file);
  const base = theme.include ? tokenColors(path.resolve(path.dirname(file), theme.include)) : [];
  return [...base, ...(theme.tokenColors ?? [])];
}

await oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer);

async function colours(themeFile, line) {
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      const file =
        scope === 'source.python'
          ? pythonGrammar
          : scope === injection.scopeName
            ? path.join(repoRoot, injection.path)
            : undefined;
      return file ? textmate.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scope) => (scope === 'source.python' ? [injection.scopeName] : []),
  });
  const settings = tokenColors(themeFile).filter((r) => r.scope);
  registry.setTheme({ name: path.basename(themeFile), settings: [{ settings: { foreground: '#D4D4D4' } }, ...settings] });
  const grammar = await registry.loadGrammar('source.python');
  const colorMap = registry.getColorMap();
  const { tokens } = grammar.tokenizeLine2(line, textmate.INITIAL);
  const out = [];
  for (let i = 0; i < tokens.length; i += 2) {
    const end = i + 2 < tokens.length ? tokens[i + 2] : line.length;
    // the foreground colour id sits in bits 15-23 of the token's metadata
    const foreground = colorMap[(tokens[i + 1] >>> 15) & 0x1ff];
    out.push([line.slice(tokens[i], end), foreground?.toUpperCase()]);
  }
  return out;
}

for (const theme of ['dark_modern.json', 'light_modern.json']) {
  test(`${theme}: the codes after noqa: are coloured apart from the comment`, async () => {
    const line = 'y = F.conv2d(x, w, b)  # noqa: DG101, DG102';
    const pieces = await colours(path.join(themes, 'themes', theme), line);
    const colour = (text) => pieces.find(([t]) => t === text)?.[1];
    const comment = colour('# ') ?? pieces.find(([t]) => t.includes('#'))?.[1];
    assert.ok(comment, JSON.stringify(pieces));
    assert.notEqual(colour('noqa'), comment, 'noqa');
    assert.ok(colour('DG101'), JSON.stringify(pieces));
    assert.notEqual(colour('DG101'), comment, `DG101 has the comment's colour: ${JSON.stringify(pieces)}`);
    assert.equal(colour('DG102'), colour('DG101'));
  });
}
