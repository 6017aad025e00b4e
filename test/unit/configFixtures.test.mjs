// Every config fixture workspace: each file's findings are exactly its `# expect:` markers, and every
// fix offered for DG201/DG202 really turns AMP off once applied and the config is resolved again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from '../helpers/core.mjs';
import path from 'node:path';
import { loadConfigCases } from '../helpers/configFixtures.mjs';

const cases = loadConfigCases();
const AMP_CODES = new Set(['DG201', 'DG202']);

test('there are config fixture workspaces with AMP on and off', () => {
  const all = cases.flatMap((c) => c.files);
  assert.ok(all.some((f) => f.expected.some((e) => e.startsWith('DG201'))));
  assert.ok(all.some((f) => f.expected.some((e) => e.startsWith('DG202'))));
  assert.ok(all.some((f) => f.expected.length === 0));
});

function workspaceOf(c) {
  return core.diskWorkspace([c.dir], { configGlobs: c.configGlobs });
}

function ampOf(file, text, workspace) {
  return core.internals.ampSources(core.internals.effectiveConfig(file, text, workspace, { store: false }).values);
}

for (const c of cases) {
  test(`config fixture ${c.name}`, () => {
    const workspace = workspaceOf(c);
    for (const f of c.files) {
      const findings = core.analyze(f.text, { path: f.file, workspace });
      const actual = findings.map((x) => `${x.code}@${x.range.start.line + 1}`).sort();
      assert.deepEqual(actual, f.expected, `${f.rel}: ${findings.map((x) => x.message).join(' | ')}`);
    }
  });

  test(`config fixture ${c.name}: each AMP fix turns its AMP off`, () => {
    const workspace = workspaceOf(c);
    for (const f of c.files) {
      const findings = core.analyze(f.text, { path: f.file, workspace }).filter((x) => AMP_CODES.has(x.code));
      for (const finding of findings) {
        for (const fix of finding.fixes) {
          const fixed = core.applyEdits(f.text, fix.edits);
          const overlay = core.overlayWorkspace(workspace, f.file, fixed);
          const before = ampOf(f.file, f.text, workspace).length;
          const after = ampOf(f.file, fixed, overlay);
          assert.ok(after.length < before, `${f.rel}: "${fix.title}" leaves ${after.map((s) => s.label).join(', ')}`);
          const again = core.analyze(fixed, { path: f.file, workspace: overlay });
          assert.ok(!again.some((x) => x.code === 'DG204'), `${f.rel}: "${fix.title}" makes a merge error`);
        }
      }
    }
  });
}

test('applying every preferred AMP fix leaves each config with AMP off', () => {
  let checked = 0;
  for (const c of cases) {
    const workspace = workspaceOf(c);
    for (const f of c.files) {
      let text = f.text;
      let overlay = workspace;
      for (let round = 0; round < 4; round++) {
        const findings = core.analyze(text, { path: f.file, workspace: overlay }).filter((x) => AMP_CODES.has(x.code));
        const preferred = findings.flatMap((x) => x.fixes.filter((fix) => fix.preferred));
        if (!preferred.length) break;
        text = core.applyEdits(
          text,
          core.nonOverlapping(preferred, text).flatMap((fix) => fix.edits),
        );
        overlay = core.overlayWorkspace(workspace, f.file, text);
      }
      if (text === f.text) continue;
      checked++;
      assert.deepEqual(
        ampOf(f.file, text, overlay).map((s) => s.label),
        [],
        `${c.name}/${f.rel} after fixes:\n${text}`,
      );
    }
  }
  assert.ok(checked >= 20, `only ${checked} configs had fixes`);
});

test('AMP findings without a fix are the ones whose override cannot be written', () => {
  const missing = [];
  for (const c of cases) {
    const workspace = workspaceOf(c);
    for (const f of c.files) {
      for (const x of core.analyze(f.text, { path: f.file, workspace })) {
        if (AMP_CODES.has(x.code) && !x.fixes.length) missing.push(`${c.name}/${f.rel}:${x.range.start.line + 1}`);
      }
    }
  }
  // a lazy-import config inherits a class-typed wrapper: plain Python, no merge override to insert
  assert.deepEqual(missing, ['lazy_read_base/configs/retina.py:3']);
});

test('the text prefilter lets every config fixture with an expected finding through', () => {
  const files = [...cases, ...loadConfigCases(path.resolve('test/fixtures/workspaces'))].flatMap((c) => c.files);
  const missed = files.filter((f) => f.expected.length && !core.internals.mayHaveFindings(f.text)).map((f) => f.file);
  assert.deepEqual(missed, []);
  assert.ok(core.internals.mayHaveFindings("strategy = dict(type='DeepSpeedStrategy', bf16=dict(enabled=True))\n"));
  assert.ok(core.internals.mayHaveFindings('with read_base():\n    from .schedule import *\n'));
});

test('the prefilter, knowing which files are configs, changes no config finding', () => {
  let skipped = 0;
  for (const c of [...cases, ...loadConfigCases(path.resolve('test/fixtures/workspaces'))]) {
    const workspace = workspaceOf(c);
    for (const f of c.files) {
      const options = { path: f.file, workspace };
      if (!core.mayHaveFindingsFor(f.text, options)) skipped++;
      const full = core.analyze(f.text, { ...options, prefilter: false }).map((x) => `${x.code}@${x.range.start.line + 1}`);
      const filtered = core.analyze(f.text, options).map((x) => `${x.code}@${x.range.start.line + 1}`);
      assert.deepEqual(filtered, full, f.rel);
    }
  }
  // the fixture workspaces hold model code beside their configs: the test must skip some files
  assert.ok(skipped > 0);
});
