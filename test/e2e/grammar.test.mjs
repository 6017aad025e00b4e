// Tokenizes sample Python lines with VS Code's own TextMate engine (vscode-textmate + oniguruma) and
// VS Code's Python grammar, with syntaxes/ injected, and checks which text gets the Dtype Guard scopes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const textmate = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const injection = manifest.contributes.grammars.find((g) => g.injectTo?.includes('source.python'));
const pythonGrammar = require.resolve('code-server/lib/vscode/extensions/python/syntaxes/MagicPython.tmLanguage.json');

async function loadPython() {
  await oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer);
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
  return registry.loadGrammar('source.python');
}

const grammar = await loadPython();

/** The pieces of a line that carry a scope containing `fragment`. */
function scoped(line, fragment) {
  const { tokens } = grammar.tokenizeLine(line, textmate.INITIAL);
  return tokens.filter((t) => t.scopes.some((s) => s.includes(fragment))).map((t) => line.slice(t.startIndex, t.endIndex));
}

test('the manifest injects the grammar into Python', () => {
  assert.ok(injection, 'package.json contributes no grammar injected into source.python');
  assert.equal(injection.scopeName, 'dtype-guard.noqa.injection');
});

test('codes in a noqa list are highlighted one by one', () => {
  const line = 'y = F.conv2d(x, w, b)  # noqa: DG101, DG102';
  assert.deepEqual(scoped(line, 'rule-code.dtype-guard'), ['DG101', 'DG102']);
  assert.deepEqual(scoped(line, 'keyword.other.noqa.dtype-guard'), ['noqa']);
});

test('only DG codes get the rule-code scope in a mixed list', () => {
  assert.deepEqual(scoped('x = 1  # noqa: E501,DG103', 'rule-code.dtype-guard'), ['DG103']);
});

test('a bare noqa is a keyword without codes', () => {
  const line = 'x = 1  # noqa';
  assert.deepEqual(scoped(line, 'keyword.other.noqa.dtype-guard'), ['noqa']);
  assert.deepEqual(scoped(line, 'rule-code.dtype-guard'), []);
});

test('the file-level switch is highlighted as one directive', () => {
  const line = '# dtype-guard: noqa';
  assert.deepEqual(scoped(line, 'entity.name.tag.dtype-guard'), ['dtype-guard']);
  assert.deepEqual(scoped(line, 'keyword.other.noqa.dtype-guard'), ['noqa']);
});

test('stays inside comments: strings and code are left alone', () => {
  assert.deepEqual(scoped('msg = "noqa: DG101"', 'dtype-guard'), []);
  assert.deepEqual(scoped('noqa = DG101', 'dtype-guard'), []);
});

test('words that merely contain noqa are not directives', () => {
  assert.deepEqual(scoped('x = 1  # see my-noqa-notes', 'dtype-guard'), []);
});
