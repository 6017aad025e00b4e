// Runs each code-rule page's Example and "Use instead" code with real PyTorch: the Example must
// raise a dtype mismatch under the regime its oracle line names, the code to use instead must run
// under every module regime (model.half(), mmcv fp16, autocast), or as written for a script.
// The page promises a fix, so the CLI's preferred fixes applied to the Example must do the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { examplePrograms, loadRulePages } from '../helpers/rulePages.mjs';
import { built as bundled } from '../helpers/dist.mjs';

const PYTHON = process.env.DTYPE_GUARD_PYTHON ?? '/usr/bin/python3';
const HARNESS = path.resolve('test/oracle/harness.py');
const CLI = bundled('cli.js');
const built = existsSync(CLI);

const pages = loadRulePages().filter((p) => p.code.startsWith('DG1'));
let dir;
let results;
let cliOutput = '';

/** A runnable file in the fixture contract: regime on line 1, the program, then make(). */
function runnable(program, oracle) {
  const make = oracle.make ? `\n\nimport torch\n\n\ndef make():\n    return ${oracle.make}\n` : '';
  return `# regime: ${oracle.regime}\n${program}${make}`;
}

/** Runs files in one Python process under every regime; result by file name without `.py`. */
function runHarness(files) {
  const proc = spawnSync(PYTHON, [HARNESS, '--all-regimes', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (proc.error) throw proc.error;
  const results = new Map(
    proc.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .map((r) => [path.basename(r.file, '.py'), r]),
  );
  assert.equal(results.size, files.length, `harness answered for ${results.size} of ${files.length} files:\n${proc.stderr}`);
  return results;
}

/** Every regime's run of one result (a script has only its own). */
const runsOf = (result) => Object.entries(result.regimes ?? { [result.regime]: result });

before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dtype-guard-docs-'));
  const files = [];
  const examples = [];
  for (const page of pages) {
    const { example, fixes, oracle } = examplePrograms(page);
    if (!oracle) continue;
    const programs = [example, ...fixes.map((f) => f.program)];
    programs.forEach((program, i) => {
      const file = path.join(dir, `${page.code}_${i}.py`);
      writeFileSync(file, runnable(program, oracle));
      files.push(file);
    });
    const copy = path.join(dir, `${page.code}_fixed.py`);
    writeFileSync(copy, runnable(example, oracle));
    examples.push(copy);
  }
  if (built) {
    // One CLI run applies the preferred fixes to every Example copy.
    const proc = spawnSync(process.execPath, [CLI, 'check', '--fix', '--unsafe-fixes', ...examples], { encoding: 'utf8' });
    cliOutput = `exit ${proc.status}\n${proc.stdout}${proc.stderr}`;
    files.push(...examples);
  }
  results = runHarness(files);
});

after(() => rmSync(dir, { recursive: true, force: true }));

for (const page of pages) {
  test(`${page.code}: the Example crashes and the code to use instead runs`, () => {
    const { fixes, oracle } = examplePrograms(page);
    assert.ok(oracle, 'the Example section has an <!-- oracle: regime=...; make: ... --> line');
    const example = results.get(`${page.code}_0`);
    assert.equal(example.status, 'mismatch', `Example under ${oracle.regime}: ${JSON.stringify(example)}`);
    fixes.forEach((fix, i) => {
      for (const [regime, run] of runsOf(results.get(`${page.code}_${i + 1}`))) {
        assert.equal(run.status, 'ok', `Use instead under ${regime}: ${JSON.stringify(run)}\n${fix.block}`);
      }
    });
  });

  test(`${page.code}: the preferred fixes make the Example run under every regime`, (t) => {
    if (!built) return t.skip('dist/cli.js not built');
    const fixed = readFileSync(path.join(dir, `${page.code}_fixed.py`), 'utf8');
    for (const [regime, run] of runsOf(results.get(`${page.code}_fixed`))) {
      assert.equal(run.status, 'ok', `fixed Example under ${regime}: ${JSON.stringify(run)}\n${fixed}\ncli: ${cliOutput}`);
    }
  });

  test(`${page.code}: the fixed Example has no finding left`, async (t) => {
    if (!built) return t.skip('dist/cli.js not built');
    const { core } = await import('../helpers/core.mjs');
    const fixed = readFileSync(path.join(dir, `${page.code}_fixed.py`), 'utf8');
    const left = core.analyze(fixed).map((f) => `${f.code}@${f.range.start.line + 1}: ${f.message}`);
    assert.deepEqual(left, [], `after --fix:\n${fixed}`);
  });
}
