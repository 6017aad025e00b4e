// The server's one settings schema (server/src/settingsSchema.ts) and package.json's contributed
// settings agree key by key and default by default, and every setting is documented for users.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { build } from 'esbuild';

const bundled = await build({
  entryPoints: ['server/src/settingsSchema.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'silent',
});
const { SETTINGS_SCHEMA, defaultSettings } = await import(
  `data:text/javascript,${encodeURIComponent(bundled.outputFiles[0].text)}`
);
const properties = JSON.parse(readFileSync('package.json', 'utf8')).contributes.configuration.properties;

const serverKeys = Object.keys(SETTINGS_SCHEMA)
  .map((k) => `dtypeGuard.${k}`)
  .sort();
const manifestKeys = Object.keys(properties)
  .filter((k) => k.startsWith('dtypeGuard.'))
  .sort();

/** A dotted key's value in the nested settings object (`fixAll.unsafe` → settings.fixAll.unsafe). */
const lookup = (object, dotted) => dotted.split('.').reduce((o, k) => o?.[k], object);

test('the same keys on both sides', () => {
  assert.deepEqual(manifestKeys, serverKeys);
});

test('the same defaults on both sides, and in defaultSettings()', () => {
  const defaults = defaultSettings();
  for (const key of Object.keys(SETTINGS_SCHEMA)) {
    assert.deepEqual(properties[`dtypeGuard.${key}`].default, SETTINGS_SCHEMA[key].default, `default of dtypeGuard.${key}`);
    assert.deepEqual(lookup(defaults, key), SETTINGS_SCHEMA[key].default, `defaultSettings().${key}`);
  }
});

test('every setting has a type, a scope and a markdown description; enums describe each value', () => {
  for (const key of manifestKeys) {
    const p = properties[key];
    assert.ok(p.type, `${key} has no type`);
    assert.ok(
      ['application', 'machine', 'window', 'resource', 'language-overridable', 'machine-overridable'].includes(p.scope),
      `${key} scope`,
    );
    assert.ok(p.markdownDescription?.length > 20, `${key} has no markdownDescription`);
    if (p.enum) {
      assert.equal(p.enumDescriptions?.length, p.enum.length, `${key} enumDescriptions`);
      assert.ok(p.enum.includes(p.default), `${key} default is not one of its values`);
    }
  }
  const severity = properties['dtypeGuard.severity'].additionalProperties;
  assert.deepEqual(severity.enum, ['error', 'warning', 'information', 'hint', 'off']);
  assert.equal(severity.enumDescriptions.length, 5);
});

test('the default types match the declared types', () => {
  const typeOf = (v) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'number' ? 'number' : typeof v);
  for (const key of manifestKeys) assert.equal(typeOf(properties[key].default), properties[key].type, key);
});
