// Each rule owns its part of what the models publish: every broken call of the fixtures is owned by
// exactly one DG1xx rule, and every config problem kind by exactly one of DG204/DG205.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { core } from '../helpers/core.mjs';
import { filesEnding } from '../helpers/sources.mjs';
import { loadConfigCases } from '../helpers/configFixtures.mjs';

/** @typedef {import('../../server/src/analysis/rules/dtypeRule').DtypeRule} DtypeRule */
/** @typedef {import('../../server/src/analysis/rules/configProblemRule').ConfigProblemRule} ConfigProblemRule */

const codeRules = core.rules.filter(/** @returns {r is DtypeRule} */ (r) => 'owns' in r && typeof r.owns === 'function');
const problemRules = core.rules.filter(/** @returns {r is ConfigProblemRule} */ (r) => 'owns' in r && Array.isArray(r.owns));

test('every DG1xx rule decides for itself which broken calls it owns', () => {
  assert.deepEqual(
    codeRules.map((r) => r.code),
    core.rules.filter((r) => r.code.startsWith('DG1')).map((r) => r.code),
  );
});

test('every broken call in the fixtures is owned by exactly one rule, and every rule owns some', () => {
  const owned = new Map(codeRules.map((r) => [r.code, 0]));
  let calls = 0;
  for (const file of filesEnding('test/fixtures', '.py')) {
    const text = readFileSync(file, 'utf8');
    for (const broken of core.internals.brokenCallsOf(text, path.resolve(file))) {
      calls++;
      const owners = codeRules.filter((r) => r.owns(broken)).map((r) => r.code);
      const at = `${file}:${broken.call.node.startPosition.row + 1}`;
      assert.equal(owners.length, 1, `${at}: owned by ${owners.join(', ') || 'no rule'}`);
      owned.set(owners[0], (owned.get(owners[0]) ?? 0) + 1);
    }
  }
  assert.ok(calls > 0, 'the fixtures have broken calls');
  for (const [code, n] of owned) assert.ok(n > 0, `${code} owns no broken call of the fixtures`);
});

test('each broken call is reported by its owner at the call', () => {
  const text = readFileSync('test/fixtures/code/dg101_zeros_bias.py', 'utf8');
  const [broken, ...rest] = core.internals.brokenCallsOf(text);
  assert.equal(rest.length, 0);
  const owner = codeRules.find((r) => r.owns(broken));
  assert.ok(owner, 'a rule owns the broken call');
  const [finding] = core.analyze(text, { select: [owner.code] });
  assert.equal(finding.code, 'DG101');
  assert.equal(finding.range.start.line, broken.call.node.startPosition.row);
});

test('every config problem of the fixtures is of a kind exactly one config rule owns', () => {
  const kinds = problemRules.flatMap((r) => r.owns);
  assert.equal(new Set(kinds).size, kinds.length, `a kind owned twice: ${kinds.join(', ')}`);
  const seen = new Set();
  for (const c of loadConfigCases()) {
    const workspace = core.diskWorkspace([c.dir], { configGlobs: c.configGlobs });
    for (const f of c.files) {
      for (const problem of core.internals.effectiveConfig(f.file, f.text, workspace, { store: false }).problems) {
        seen.add(problem.kind);
        assert.ok(kinds.includes(problem.kind), `${f.rel}: problem kind ${problem.kind} owned by no rule`);
      }
    }
  }
  for (const rule of problemRules)
    assert.ok(
      rule.owns.some((k) => seen.has(k)),
      `${rule.code} owns no problem of the fixtures`,
    );
});
