// Packages the extension with vsce (as `npm run package` does, after the build) and checks what the
// VSIX holds: the bundles, both wasm files, grammar, docs, icon and notices; no sources, tests or node_modules.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { after, before, test } from 'node:test';

/** Reads a zip's central directory: every entry's name, with a reader for its content. */
function zipEntries(buffer) {
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'not a zip file');
  const count = buffer.readUInt16LE(eocd + 10);
  let at = buffer.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, () => {
      const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
      const data = buffer.subarray(start, start + size);
      return method === 8 ? inflateRawSync(data) : data;
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The arguments `npm run package` gives vsce, read from package.json so that the two cannot differ. */
const PACKAGE_ARGS = JSON.parse(readFileSync('package.json', 'utf8'))
  .scripts.package.split('vsce ')[1]
  .split(' --out ')[0]
  .split(' ');

let dir;
let entries;
before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dtype-guard-vsix-'));
  const out = path.join(dir, 'dtype-guard.vsix');
  execFileSync(process.execPath, [path.resolve('node_modules/@vscode/vsce/vsce'), ...PACKAGE_ARGS, '--out', out], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  entries = zipEntries(readFileSync(out));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('holds what the installed extension needs', () => {
  for (const name of [
    'extension/package.json',
    'extension/dist/extension.js',
    'extension/dist/server.js',
    'extension/dist/tree-sitter.wasm',
    'extension/dist/tree-sitter-python.wasm',
    'extension/syntaxes/dtype-guard-noqa.injection.tmLanguage.json',
    'extension/docs/rules/DG101.md',
    'extension/images/icon.png',
    'extension/readme.md',
    'extension/changelog.md',
    'extension/LICENSE.txt',
  ]) {
    assert.ok(entries.has(name), `missing ${name}`);
  }
});

test('its README is the one for users: what it finds, pictures that ship with it, settings; no set-up commands', () => {
  const readme = entries.get('extension/readme.md')().toString('utf8');
  assert.match(readme, /^# Dtype Guard for VS Code/);
  assert.match(readme, /## Settings/);
  assert.doesNotMatch(readme, /npm (ci|start|test)/);
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
  assert.ok(images.includes('docs/images/hover.png'), 'the squiggle and its hover are pictured');
  for (const image of images) assert.ok(entries.has(`extension/${image}`), `${image} is linked but not in the VSIX`);
  for (const [, link] of readme.matchAll(/\]\((docs\/rules\/DG\d{3}\.md)\)/g)) assert.ok(entries.has(`extension/${link}`), link);
});

test('holds no sources, tests, dependencies or build leftovers', () => {
  const unwanted =
    /(^|\/)(node_modules|test|client|server|scripts|examples|bench|out|\.ci|\.github)\/|\.(ts|mjs|map|tsbuildinfo|vsix)$|(^|\/)(tsconfig[^/]*\.json|eslint\.config\.mjs|\.vscodeignore|package-lock\.json)$/;
  const bad = [...entries.keys()].filter(
    (name) => name.startsWith('extension/') && unwanted.test(name.slice('extension/'.length)),
  );
  assert.deepEqual(bad, []);
});

test('its manifest points at files it holds', () => {
  const manifest = JSON.parse(entries.get('extension/package.json')().toString('utf8'));
  assert.ok(entries.has(`extension/${path.posix.normalize(manifest.main)}`), manifest.main);
  assert.ok(entries.has(`extension/${manifest.icon}`), manifest.icon);
  for (const grammar of manifest.contributes.grammars)
    assert.ok(entries.has(`extension/${path.posix.normalize(grammar.path)}`), grammar.path);
  const wasm = entries.get('extension/dist/tree-sitter-python.wasm')();
  assert.equal(wasm.subarray(0, 4).toString('latin1'), '\0asm');
});
