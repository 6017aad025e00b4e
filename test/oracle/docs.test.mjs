// Runs each code-rule page's Example and "Use instead" code with real PyTorch: the Example must
// raise a dtype mismatch under the regime its oracle line names, the code to use instead must run
// under every module regime (model.half(), mmcv fp16, autocast), or as written for a script.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { examplePrograms, loadRulePages } from '../helpers/rulePages.mjs';

const PYTHON = process.env.DTYPE_GUARD_PYTHON ?? '/usr/bin/python3';
const HARNESS = path.resolve('test/oracle/harness.py');

const pages = loadRulePages().filter((p) => p.code.startsWith('DG1'));
let dir;
let results;

/** A runnable file in the fixture contract: regime on line 1, the program, then make(). */
function runnable(program, oracle) {
  const make = oracle.make ? `\n\nimport torch\n\n\ndef make():\n    return ${oracle.make}\n` : '';
  return `# regime: ${oracle.regime}\n${program}${make}`;
}

before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dtype-guard-docs-'));
  const files = [];
  for (const page of pages) {
    const { example, fixes, oracle } = examplePrograms(page);
    if (!oracle) continue;
    const programs = [example, ...fixes.map((f) => f.program)];
    programs.forEach((program, i) => {
      const file = path.join(dir, `${page.code}_${i}.py`);
      writeFileSync(file, runnable(program, oracle));
      files.push(file);
    });
  }
  const proc = spawnSync(PYTHON, [HARNESS, '--all-regimes', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (proc.error) throw proc.error;
  results = new Map(
    proc.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .map((r) => [path.basename(r.file, '.py'), r]),
  );
  assert.equal(results.size, files.length, `harness answered for ${results.size} of ${files.length} files:\n${proc.stderr}`);
});

after(() => rmSync(dir, { recursive: true, force: true }));

for (const page of pages) {
  test(`${page.code}: the Example crashes and the code to use instead runs`, () => {
    const { fixes, oracle } = examplePrograms(page);
    assert.ok(oracle, 'the Example section has an <!-- oracle: regime=...; make: ... --> line');
    const example = results.get(`${page.code}_0`);
    assert.equal(example.status, 'mismatch', `Example under ${oracle.regime}: ${JSON.stringify(example)}`);
    fixes.forEach((fix, i) => {
      const result = results.get(`${page.code}_${i + 1}`);
      const runs = result.regimes ?? { [result.regime]: result };
      for (const [regime, run] of Object.entries(runs)) {
        assert.equal(run.status, 'ok', `Use instead under ${regime}: ${JSON.stringify(run)}\n${fix.block}`);
      }
    });
  });
}
