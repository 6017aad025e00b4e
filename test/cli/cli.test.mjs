// The CLI as a user runs it: text and SARIF output, --fix, exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { built } from '../helpers/dist.mjs';

const cli = built('cli.js');
const run = (args, cwd = process.cwd()) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });

test('text output on the examples: a DG101 line and exit code 1', () => {
  const r = run(['check', 'examples/']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^examples\/models\/fused_bias_conv\.py:18:16: DG101 /m);
  assert.doesNotMatch(r.stdout, /safe_conv\.py/);
});

test('SARIF 2.1.0 with rules, a result with a region and its fix', () => {
  const r = run(['check', '--format', 'sarif', 'examples/']);
  assert.equal(r.status, 1, r.stderr);
  const log = JSON.parse(r.stdout);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const [run0] = log.runs;
  assert.equal(run0.tool.driver.name, 'dtype-guard');
  assert.ok(run0.tool.driver.rules.every((rule) => rule.helpUri.endsWith(`${rule.id}.md`)));
  const result = run0.results.find((x) => x.ruleId === 'DG101');
  const loc = result.locations[0].physicalLocation;
  assert.equal(loc.artifactLocation.uri, 'examples/models/fused_bias_conv.py');
  assert.deepEqual(loc.region, { startLine: 18, startColumn: 16, endLine: 18, endColumn: 57 });
  assert.equal(result.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, 'bias.to(x.dtype)');
});

test('--fix applies the preferred fix in place and the file is then clean', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dg-cli-'));
  const copy = path.join(dir, 'conv.py');
  copyFileSync('examples/models/fused_bias_conv.py', copy);
  assert.equal(run(['check', '--fix', copy]).status, 0);
  assert.match(readFileSync(copy, 'utf8'), /F\.conv2d\(x, self\.weight, bias\.to\(x\.dtype\), padding=1\)/);
  assert.equal(run(['check', copy]).status, 0);
});

test('usage and internal errors exit 2 with one line and no stack trace', () => {
  const unknown = run(['frobnicate']);
  assert.equal(unknown.status, 2);
  const missing = run(['check', 'does/not/exist.py']);
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr.trim().split('\n').length, 1);
  assert.doesNotMatch(missing.stderr, /\bat .+:\d+:\d+/);
});
