// Output formats: text summary and [*], JSON, GitHub annotations, and SARIF checked against its schema's shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLEAN, POSITIVE, project, run } from '../helpers/cli.mjs';

const twoFiles = () => project({ 'a/model.py': POSITIVE, 'b/other.py': POSITIVE, 'c/clean.py': CLEAN });

test('text: concise lines with [*] and the summary line; --quiet drops the summary', () => {
  const root = twoFiles();
  const r = run(['check'], { cwd: root });
  assert.equal(r.status, 1);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^a\/model\.py:18:16: DG101 \[\*\] bias is float32, input x is float16 under model\.half\(\)$/);
  assert.match(lines[1], /^b\/other\.py:18:16: DG101 \[\*\] /);
  assert.equal(lines[2], '2 findings (2 fixable with --fix)');
  const quiet = run(['check', '--quiet'], { cwd: root });
  assert.deepEqual(quiet.stdout.trim().split('\n'), lines.slice(0, 2));
  const clean = run(['check', 'c'], { cwd: root });
  assert.equal(clean.status, 0);
  assert.equal(clean.stdout, 'No findings.\n');
});

test('json: one object per finding with 1-based locations, fixes and the docs URL', () => {
  const r = run(['check', '--format', 'json'], { cwd: twoFiles() });
  assert.equal(r.status, 1);
  const out = JSON.parse(r.stdout);
  assert.equal(out.length, 2);
  const [first] = out;
  assert.equal(first.file, 'a/model.py');
  assert.equal(first.code, 'DG101');
  assert.equal(first.name, 'fresh-float-tensor');
  assert.deepEqual(first.location, { line: 18, column: 16 });
  assert.deepEqual(first.endLocation, { line: 18, column: 57 });
  assert.match(first.url, /DG101\.md$/);
  assert.equal(first.fixes[0].preferred, true);
  assert.deepEqual(first.fixes[0].edits[0], {
    location: { line: 18, column: 41 },
    endLocation: { line: 18, column: 45 },
    content: 'bias.to(x.dtype)',
  });
  const none = run(['check', '--format', 'json', 'c'], { cwd: twoFiles() });
  assert.equal(none.stdout.trim(), '[]');
});

test('github: workflow commands with escaped properties and no summary', () => {
  const root = project({ 'dir,with:odd/model.py': POSITIVE });
  const r = run(['check', '--format', 'github'], { cwd: root });
  assert.equal(r.status, 1);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1);
  assert.match(
    lines[0],
    /^::warning file=dir%2Cwith%3Aodd\/model\.py,line=18,col=16,endLine=18,endColumn=57,title=DG101 fresh-float-tensor::/,
  );
  assert.match(lines[0], /::dir,with:odd\/model\.py:18:16: DG101 bias is float32, input x is float16 under model\.half\(\)$/);
});

/** Checks a SARIF log against the required members of @types/sarif's Log/Run/Result/Fix shapes and our key rules. */
function assertSarif(log) {
  const isObj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const isPosInt = (n) => Number.isInteger(n) && n >= 1;
  assert.equal(log.version, '2.1.0');
  assert.equal(typeof log.$schema, 'string');
  assert.ok(Array.isArray(log.runs) && log.runs.length === 1, 'exactly one run');
  const [run0] = log.runs;
  assert.ok(isObj(run0.tool) && isObj(run0.tool.driver));
  assert.equal(run0.tool.driver.name, 'dtype-guard');
  const ids = new Set();
  for (const rule of run0.tool.driver.rules) {
    assert.match(rule.id, /^DG\d{3}$/);
    // DG000 (a file not checked) is not a rule: its page is docs/DG000.md
    assert.ok(/^https?:\/\/.+\/docs\/(rules\/DG\d{3}|DG000)\.md$/.test(rule.helpUri), rule.helpUri);
    assert.equal(typeof rule.shortDescription.text, 'string');
    ids.add(rule.id);
  }
  const region = (r) => {
    assert.ok(
      isPosInt(r.startLine) && isPosInt(r.startColumn) && isPosInt(r.endLine) && isPosInt(r.endColumn),
      JSON.stringify(r),
    );
    assert.ok(r.endLine > r.startLine || (r.endLine === r.startLine && r.endColumn >= r.startColumn));
  };
  const uri = (u) => assert.ok(typeof u === 'string' && !u.startsWith('/') && !u.includes('\\') && !/^[a-z]+:/i.test(u), u);
  for (const result of run0.results) {
    assert.ok(ids.has(result.ruleId), `${result.ruleId} is in rules[]`);
    assert.ok(['none', 'note', 'warning', 'error'].includes(result.level));
    assert.equal(typeof result.message.text, 'string');
    const loc = result.locations[0].physicalLocation;
    uri(loc.artifactLocation.uri);
    region(loc.region);
    for (const rel of result.relatedLocations ?? []) {
      uri(rel.physicalLocation.artifactLocation.uri);
      region(rel.physicalLocation.region);
      assert.equal(typeof rel.message.text, 'string');
    }
    for (const fix of result.fixes ?? []) {
      assert.ok(fix.artifactChanges.length >= 1);
      for (const change of fix.artifactChanges) {
        uri(change.artifactLocation.uri);
        assert.ok(change.replacements.length >= 1);
        for (const rep of change.replacements) {
          region(rep.deletedRegion);
          assert.equal(typeof rep.insertedContent.text, 'string');
        }
      }
    }
  }
}

test('sarif: one run that satisfies the SARIF shape, with relative uris and the preferred fix first', () => {
  const r = run(['check', '--format', 'sarif'], { cwd: twoFiles() });
  assert.equal(r.status, 1);
  const log = JSON.parse(r.stdout);
  assertSarif(log);
  const uris = log.runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri);
  assert.deepEqual(uris, ['a/model.py', 'b/other.py']);
  assert.equal(log.runs[0].results[0].fixes[0].description.text, 'Cast bias to x.dtype');
  const empty = JSON.parse(run(['check', '--format', 'sarif', 'c'], { cwd: twoFiles() }).stdout);
  assertSarif(empty);
  assert.deepEqual(empty.runs[0].results, []);
});

test('the SARIF check itself rejects a broken log', () => {
  const log = JSON.parse(run(['check', '--format', 'sarif'], { cwd: twoFiles() }).stdout);
  const broken = structuredClone(log);
  broken.runs[0].results[0].locations[0].physicalLocation.region.startColumn = 0;
  assert.throws(() => assertSarif(broken));
  const absolute = structuredClone(log);
  absolute.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = '/tmp/a.py';
  assert.throws(() => assertSarif(absolute));
});

test('machine formats never carry progress or notes on stdout', () => {
  for (const format of ['json', 'sarif', 'github']) {
    const r = run(['check', '--verbose', '--format', format], { cwd: twoFiles() });
    assert.doesNotMatch(r.stdout, /checking|dtype-guard:/);
    assert.match(r.stderr, /checked 3 files/);
  }
});
