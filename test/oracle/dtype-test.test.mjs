// Proves the generated dtype tests with real PyTorch: each fails on a positive fixture under the
// fixture's regime with the oracle's dtype mismatch, passes on each negative, and passes on each
// positive under that regime once its preferred fix is applied.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { loadFixtures } from '../helpers/fixtures.mjs';
import { built as bundled } from '../helpers/dist.mjs';

const require = createRequire(import.meta.url);
const PYTHON = process.env.DTYPE_GUARD_PYTHON ?? '/usr/bin/python3';
const ORACLE = path.resolve('test/oracle');
const CLI = bundled('cli.js');
const BUNDLE = bundled('dtype-test.js');

// On the CPU float16 has few kernels, so the generated test skips its `half` case there and its
// `bfloat16` case (the same conversion of the model and inputs) stands in; `autocast` is its own id.
export const CASE_OF_REGIME = { half: 'bfloat16', 'mmcv-fp16': 'bfloat16', autocast: 'autocast' };

// Fixtures whose generated test cannot show what the label says, each for a reason stated here and
// asserted below (an outcome that changes fails the test, so the list stays true).
const LIMITS = {
  'dg101_branch_join.py': {
    outcome: 'passes',
    why: 'the bug is in the use_bias=False branch; the test builds it with use_bias=True',
  },
  'dg104_bn_running_stats_mmcv_fp16.py': {
    outcome: 'passes',
    why: 'it breaks only with BatchNorm kept in float32 (mmcv-fp16), which the generated test does not model',
  },
  'dg102_neg_float_entry_autocast_off.py': {
    outcome: 'fails-bfloat16',
    why: 'AMP code in an autocast-disabled region (`# runs-under: autocast`): correct under autocast only, so bfloat16 (model.half()) really breaks',
  },
  'dg105_neg_fp32_helper_in_disabled_regions.py': {
    outcome: 'fails-bfloat16',
    why: 'AMP code in an autocast-disabled region (`# runs-under: autocast`): correct under autocast only, so bfloat16 (model.half()) really breaks',
  },
  'dg105_neg_fp32_linear_subclass_input_float.py': {
    outcome: 'fails-bfloat16',
    why: 'AMP code in an autocast-disabled region (`# runs-under: autocast`): correct under autocast only, so bfloat16 (model.half()) really breaks',
  },
  'dg105_neg_pooled_features_autocast_disabled_float.py': {
    outcome: 'fails-bfloat16',
    why: 'AMP code in an autocast-disabled region (`# runs-under: autocast`): correct under autocast only, so bfloat16 (model.half()) really breaks',
  },
  'dg102_knn_dist2_float.py': {
    outcome: 'misbuilt',
    why: 'the generated input does not fit this forward (a dict of features, a list of levels, point clouds): float32 fails for a reason that is not a dtype',
  },
  'dg103_neg_scale_heads_add_module.py': {
    outcome: 'misbuilt',
    why: 'the generated input does not fit this forward (a dict of features, a list of levels, point clouds): float32 fails for a reason that is not a dtype',
  },
  'dg103_neg_scale_heads_setattr.py': {
    outcome: 'misbuilt',
    why: 'the generated input does not fit this forward (a dict of features, a list of levels, point clouds): float32 fails for a reason that is not a dtype',
  },
  'dg103_scale_heads_plain_list.py': {
    outcome: 'misbuilt',
    why: 'the generated input does not fit this forward (a dict of features, a list of levels, point clouds): float32 fails for a reason that is not a dtype',
  },
  'dg104_level_scales_plain_list_enumerate.py': {
    outcome: 'misbuilt',
    why: 'the generated input does not fit this forward (a dict of features, a list of levels, point clouds): float32 fails for a reason that is not a dtype',
  },
  'dg104_neg_level_scales_parameter_list.py': {
    outcome: 'misbuilt',
    why: 'the generated input does not fit this forward (a dict of features, a list of levels, point clouds): float32 fails for a reason that is not a dtype',
  },
  'dg102_neg_triangle_update_fp16_enabled_helper.py': {
    outcome: 'misbuilt',
    why: 'the forward takes a pair representation (batch, residues, residues, channels) and permutes four axes; the generated input has two',
  },
  'dg102_triangle_update_full_precision_helper.py': {
    outcome: 'misbuilt',
    why: 'the forward takes a pair representation (batch, residues, residues, channels) and permutes four axes; the generated input has two',
  },
  'dg103_neg_kd_teacher_half_override.py': {
    outcome: 'fails-bfloat16',
    why: 'its half() override converts the teacher; .to(torch.bfloat16) does not call it, so bfloat16 really breaks',
  },
};

const fixtures = loadFixtures().filter((f) => f.regime !== 'script');

/** The class `make()` builds (the fixture's model), named in its body. */
function fixtureClass(text) {
  const make = /def make\(\):\n((?:[ \t].*\n|\n)+)/.exec(text)?.[1] ?? '';
  const classes = [...text.matchAll(/^class ([\p{L}\p{N}_]+)/gmu)].map((m) => m[1]);
  return [...make.matchAll(/([\p{L}\p{N}_]+)\(/gu)].map((m) => m[1]).find((n) => classes.includes(n));
}

const isFile = (p) => existsSync(p) && statSync(p).isFile();

/** Writes one generated test per fixture of `dir` into `dir/tests`; the fixture names of those without placeholders. */
function generate(gen, dir, names) {
  const tests = path.join(dir, 'tests');
  mkdirSync(tests, { recursive: true });
  copyFileSync(path.join(ORACLE, 'dtype_test_conftest.py'), path.join(tests, 'conftest.py'));
  const built = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const text = readFileSync(file, 'utf8');
    const testFile = path.join(tests, `test_${name}`);
    const result = gen.dtypeTest(gen.parseSyntax(text), { file, className: fixtureClass(text), testFile, isFile });
    writeFileSync(testFile, result.text);
    if (!result.plan.placeholders.length) built.push(name);
  }
  return built;
}

/** Runs pytest on `dir/tests`; case outcome by fixture name and case id. */
function runPytest(dir) {
  const results = path.join(dir, 'results.jsonl');
  const proc = spawnSync(PYTHON, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', path.join(dir, 'tests')], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, DTYPE_GUARD_ORACLE: ORACLE, DTYPE_TEST_RESULTS: results },
  });
  if (proc.error) throw proc.error;
  const byFixture = new Map();
  if (!existsSync(results)) throw new Error(`pytest wrote no results:\n${proc.stdout}\n${proc.stderr}`);
  for (const line of readFileSync(results, 'utf8').split('\n').filter(Boolean)) {
    const r = JSON.parse(line);
    const m = /test_(.+\.py)::[^[]+\[([\w-]+)\]$/.exec(r.id);
    if (!m) continue;
    if (!byFixture.has(m[1])) byFixture.set(m[1], {});
    byFixture.get(m[1])[m[2]] = r;
  }
  return byFixture;
}

/** The oracle harness's mismatch message for each positive, under its own regime. */
function harnessMessages(files) {
  const proc = spawnSync(PYTHON, [path.join(ORACLE, 'harness.py'), ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const messages = new Map();
  for (const line of proc.stdout.split('\n').filter(Boolean)) {
    const r = JSON.parse(line);
    messages.set(path.basename(r.file), r.message);
  }
  return messages;
}

/** The dtypes a mismatch message names, spelled one way: `Input type (c10::Half) and bias type (float)` → f16, f32. */
function dtypesNamed(message) {
  const found = new Set();
  for (const m of message.matchAll(/BFloat16|Half|float16|Double|float64|Float|float/g)) {
    const w = m[0].toLowerCase();
    found.add(
      w === 'bfloat16'
        ? 'bf16'
        : w === 'half' || w === 'float16'
          ? 'f16'
          : w.startsWith('double') || w === 'float64'
            ? 'f64'
            : 'f32',
    );
  }
  return [...found].sort().join(',');
}

/** The generated test's failure line (`dtype mismatch under bfloat16: ...`). */
const failureLine = (message) => /dtype mismatch under [\w-]+: (.*)/.exec(message)?.[1] ?? '';

const failedWithMismatch = (r) => r?.outcome === 'failed' && /dtype mismatch under [\w-]+: /.test(r.message);
const noFailure = (cases) => Object.values(cases).every((r) => r.outcome !== 'failed');
const brief = (cases) =>
  Object.entries(cases)
    .map(
      ([id, r]) =>
        `${id}=${r.outcome}${r.outcome === 'failed' ? ` (${(/E\s+(.*)/.exec(r.message)?.[1] ?? '').slice(0, 160)})` : ''}`,
    )
    .join(', ');

describe('dtype-test: generated tests under real PyTorch', () => {
  const ready = existsSync(BUNDLE) && existsSync(CLI);
  let dir;
  let built = [];
  let original = new Map();
  let fixed = new Map();
  let messages = new Map();
  const positives = fixtures.filter((f) => f.expected.length);
  before(async () => {
    if (!ready) return;
    const gen = require(BUNDLE);
    await gen.initParser();
    dir = mkdtempSync(path.join(os.tmpdir(), 'dtype-guard-dtype-test-'));
    const orig = path.join(dir, 'original');
    const fix = path.join(dir, 'fixed');
    mkdirSync(orig);
    mkdirSync(fix);
    for (const f of fixtures) copyFileSync(f.file, path.join(orig, f.name));
    for (const f of positives) copyFileSync(f.file, path.join(fix, f.name));
    built = generate(
      gen,
      orig,
      fixtures.map((f) => f.name),
    );
    const fixProc = spawnSync(process.execPath, [CLI, 'check', '--fix', '--unsafe-fixes', '--exit-zero', fix], {
      encoding: 'utf8',
    });
    assert.equal(fixProc.status, 0, fixProc.stderr);
    generate(
      gen,
      fix,
      positives.map((f) => f.name),
    );
    original = runPytest(orig);
    fixed = runPytest(fix);
    messages = harnessMessages(positives.filter((f) => built.includes(f.name)).map((f) => f.file));
    const share = `${built.length}/${fixtures.length}`;
    const counts = { positiveFails: 0, negativePasses: 0, fixedPasses: 0, limits: 0 };
    for (const f of fixtures.filter((x) => built.includes(x.name))) {
      const cases = original.get(f.name) ?? {};
      if (LIMITS[f.name]) counts.limits++;
      else if (f.expected.length) counts.positiveFails += failedWithMismatch(cases[CASE_OF_REGIME[f.regime]]) ? 1 : 0;
      else counts.negativePasses += noFailure(cases) ? 1 : 0;
      if (f.expected.length && !LIMITS[f.name]) {
        const after = fixed.get(f.name) ?? {};
        counts.fixedPasses += after[CASE_OF_REGIME[f.regime]]?.outcome === 'passed' ? 1 : 0;
        // A fix that holds under its regime but breaks another case is worth knowing.
        if (!noFailure(after)) process.stdout.write(`# fixed ${f.name}: ${brief(after)}\n`);
      }
    }
    process.stdout.write(`# dtype-test: ${share} fixture classes without placeholders; ${JSON.stringify(counts)}\n`);
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('at least 80% of the fixture classes are built without placeholders', (t) => {
    if (!ready) return t.skip('dist/ not built');
    assert.ok(built.length >= 0.8 * fixtures.length, `${built.length} of ${fixtures.length}`);
  });

  for (const f of fixtures) {
    test(`dtype-test: ${f.name}`, (t) => {
      if (!ready) return t.skip('dist/ not built');
      if (!built.includes(f.name)) return t.skip('built with placeholders: the test skips itself');
      const cases = original.get(f.name);
      assert.ok(cases, `no results for ${f.name}`);
      const limit = LIMITS[f.name];
      if (limit?.outcome === 'passes') return assert.ok(noFailure(cases), `${limit.why}; got ${brief(cases)}`);
      if (limit?.outcome === 'misbuilt') {
        const f32 = cases.float32;
        return assert.ok(f32?.outcome === 'failed' && !failedWithMismatch(f32), `${limit.why}; got ${brief(cases)}`);
      }
      if (limit?.outcome === 'fails-bfloat16') {
        assert.ok(failedWithMismatch(cases.bfloat16), `${limit.why}; got ${brief(cases)}`);
        return assert.ok(noFailure({ ...cases, bfloat16: { outcome: 'skipped' } }), brief(cases));
      }
      if (!f.expected.length) return assert.ok(noFailure(cases), `a negative must pass every case: ${brief(cases)}`);
      const id = CASE_OF_REGIME[f.regime];
      const run = cases[id];
      assert.ok(failedWithMismatch(run), `the ${id} case must fail with a dtype mismatch: ${brief(cases)}`);
      // The same dtype mismatch the oracle harness gets when it runs the fixture's own make():
      // the same pair of dtypes (the op that reports it may differ with the input's shape).
      const expected = messages.get(f.name);
      const got = failureLine(run.message);
      assert.ok(expected && dtypesNamed(got) === dtypesNamed(expected), `harness: ${expected}\ngenerated test: ${got}`);
      const after = fixed.get(f.name);
      assert.ok(after?.[id], `no results for the fixed ${f.name}`);
      assert.notEqual(after[id].outcome, 'failed', `after the preferred fix the ${id} case must pass: ${brief(after)}`);
    });
  }
});

describe('dtype-test: the import path works under pytest, wherever pytest is started', () => {
  /** @type {[string, string, string[]][]} project, module, classes */
  const projects = [
    ['pkg_project', 'models/heads.py', ['FusedBiasHead', 'ClsHead', 'PatchEmbed', 'Stem3d', 'Encoder']],
    ['src_project', 'src/netlib/blocks/fused.py', ['TinyLinear']],
    ['scripts_project', 'scripts/train_net.py', ['Net']],
  ];
  for (const [name, module, classes] of projects) {
    test(`dtype-test: ${name} (${module})`, (t) => {
      if (!existsSync(CLI)) return t.skip('dist/cli.js not built');
      const dir = mkdtempSync(path.join(os.tmpdir(), 'dtype-guard-import-'));
      try {
        cpSync(path.resolve('test/fixtures/dtype-test', name), dir, { recursive: true });
        const out = path.join(dir, 'tests', 'test_generated_dtypes.py');
        for (const cls of classes) {
          const gen = spawnSync(process.execPath, [CLI, 'dtype-test', path.join(dir, module), '--class', cls, '--out', out], {
            encoding: 'utf8',
          });
          assert.equal(gen.status, 0, gen.stderr);
        }
        // Started from another folder, with no conftest: only the generated sys.path line finds the module.
        const proc = spawnSync(PYTHON, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', out], {
          cwd: os.tmpdir(),
          encoding: 'utf8',
        });
        const summary = proc.stdout.trim().split('\n').at(-1) ?? '';
        assert.equal(proc.status, 0, proc.stdout + proc.stderr);
        // Four cases per class: float32, bfloat16 and autocast run; half skips on the CPU.
        assert.match(summary, new RegExp(`^${classes.length * 3} passed, ${classes.length} skipped`));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
