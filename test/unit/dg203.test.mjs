// DG203 on workspace fixtures: a config whose model names a registered conv that breaks under
// autocast is warned once, on its AMP line, with related information to the call and the type string;
// not when the conv is guarded, breaks only under model.half(), or AMP is off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, cpSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { core } from '../helpers/core.mjs';
import { loadConfigCases } from '../helpers/configFixtures.mjs';

const cases = loadConfigCases(path.resolve('test/fixtures/workspaces'));

/** The workspace fixture `name` and its file `rel`. */
function fixtureFile(name, rel) {
  const c = cases.find((x) => x.name === name);
  const file = c?.files.find((f) => f.rel === rel);
  assert.ok(c && file, `${name}/${rel} is a workspace fixture`);
  return { c, file };
}

for (const c of cases) {
  test(`workspace fixture ${c.name}`, () => {
    const workspace = core.diskWorkspace([c.dir]);
    for (const f of c.files) {
      const findings = core.analyze(f.text, { path: f.file, workspace });
      const actual = findings.map((x) => `${x.code}@${x.range.start.line + 1}`).sort();
      assert.deepEqual(actual, f.expected, `${f.rel}: ${findings.map((x) => x.message).join(' | ')}`);
    }
  });
}

test('DG203 points at the call that breaks and at the config values that lead to it', () => {
  const { c, file: leaf } = fixtureFile('dg203_autocast_conv', 'configs/retinanet_fusion_amp.py');
  const workspace = core.diskWorkspace([c.dir]);
  const [finding] = core.analyze(leaf.text, { path: leaf.file, workspace }).filter((x) => x.code === 'DG203');
  assert.ok(finding?.related, 'DG203 with related locations');
  assert.equal(finding.severity, 'warning');
  assert.match(finding.message, /FusionConv/);
  const call = finding.related.find((r) => r.file?.endsWith(path.join('models', 'fusion_conv.py')));
  assert.ok(call, 'related: the call');
  assert.equal(call.range.start.line + 1, 21);
  const type = finding.related.find((r) => r.file?.endsWith('retinanet_fusion.py'));
  assert.ok(type, 'related: the type string');
  assert.equal(type.range.start.line + 1, 3, 'the type string comes from the base config, line 3');
  assert.ok(
    finding.fixes.some((fix) => /OptimWrapper/.test(fix.title)),
    'turning AMP off is offered',
  );
});

test('DG203 follows submodules and finds classes registered with register_module(module=...)', () => {
  const { c, file: leaf } = fixtureFile('dg203_via_submodule', 'configs/retinanet_mybackbone_amp.py');
  const workspace = core.diskWorkspace([c.dir]);
  const findings = core.analyze(leaf.text, { path: leaf.file, workspace }).filter((x) => x.code === 'DG203');
  assert.equal(findings.length, 1, 'one finding per config, on the AMP line');
  assert.equal(findings[0].range.start.line + 1, 4);
  for (const f of findings)
    assert.ok(f.related?.some((r) => r.file?.endsWith('blocks.py') && r.message.includes('MyBackbone → FusionBlock')));
  const registered = core.internals.registeredIn(
    path.join(c.dir, 'projects/mynet/register.py'),
    readFileSync(path.join(c.dir, 'projects/mynet/register.py'), 'utf8'),
  );
  assert.deepEqual(
    registered.map((r) => [r.name, r.className, r.force]),
    [['FusionBlockV2', 'FusionBlock', true]],
  );
});

test('the registry index is incremental: a changed file is parsed again, the others are not', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dg-registry-'));
  try {
    cpSync(path.resolve('test/fixtures/workspaces/dg203_via_submodule'), dir, { recursive: true });
    const workspace = core.diskWorkspace([dir]);
    const index = core.internals.registryOf(workspace, new core.AnalysisSession({ ownParser: false }));
    assert.equal(index.lookup('MyBackbone').length, 1);
    const first = index.stats();
    // two files register classes; the others were skipped by the text test
    assert.equal(first.files, 2);
    assert.equal(first.parses, 2);
    const file = path.join(dir, 'projects/mynet/backbone.py');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('@MODELS.register_module()', "@MODELS.register_module(name='MyBackboneV2')"),
    );
    index.invalidate(file);
    assert.equal(index.lookup('MyBackbone').length, 0);
    assert.equal(index.lookup('MyBackboneV2').length, 1);
    assert.equal(index.stats().parses, 3, 'only the changed file was parsed again');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the module finding points back at every config that builds it with AMP on', () => {
  const { c, file: module } = fixtureFile('dg203_autocast_conv', 'models/fusion_conv.py');
  const workspace = core.diskWorkspace([c.dir]);
  const finding = core.analyze(module.text, { path: module.file, workspace }).find((x) => x.code === 'DG105');
  assert.ok(finding, 'DG105 on the module');
  const configs = (finding.related ?? [])
    .flatMap((r) => (r.file?.includes(`${path.sep}configs${path.sep}`) ? [path.basename(r.file)] : []))
    .sort();
  // retinanet_fusion.py builds the conv too, but with AMP off
  assert.deepEqual(configs, ['retinanet_fusion_amp.py', 'retinanet_fusion_amp_child.py', 'retinanet_fusion_fp16_inline.py']);
});

test('with several projects in one workspace, each config resolves its own registration of a shared name', () => {
  const workspace = core.diskWorkspace([path.resolve('test/fixtures/workspaces')]);
  for (const c of cases) {
    for (const f of c.files.filter((x) => x.rel.startsWith('configs/'))) {
      const actual = core
        .analyze(f.text, { path: f.file, workspace })
        .map((x) => `${x.code}@${x.range.start.line + 1}`)
        .sort();
      assert.deepEqual(actual, f.expected, `${c.name}/${f.rel}`);
    }
  }
});
