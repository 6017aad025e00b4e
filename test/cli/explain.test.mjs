// `dtype-guard explain` on real tracebacks (made by PyTorch from the fixtures) and on logs written
// as CUDA runs print them: every error must point at the fixture's labelled line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { project, run } from '../helpers/cli.mjs';

const LOGS = 'test/fixtures/explain/logs';
const log = (name) => path.join(LOGS, name);

/** The codes a fixture's line is labelled with (`# expect: DG101, DG104`), or undefined. */
function labelOf(file, line) {
  const text = readFileSync(file, 'utf8').split('\n')[line - 1] ?? '';
  return /# expect: ([\w, ]+)/
    .exec(text)?.[1]
    .split(',')
    .map((s) => s.trim());
}

function explainJson(args, options) {
  const r = run(['explain', '--format', 'json', ...args], options);
  return { ...r, findings: r.stdout ? JSON.parse(r.stdout) : [] };
}

test('every traceback PyTorch printed for the positive fixtures points at its labelled line and code', () => {
  const text = readFileSync(log('fixtures-cpu.log'), 'utf8');
  const tracebacks = (text.match(/^Traceback \(most recent call last\):$/gm) ?? []).length;
  const { status, findings, stderr } = explainJson([log('fixtures-cpu.log')]);
  assert.equal(status, 0, stderr);
  assert.equal(findings.length, tracebacks, 'one explanation per traceback');
  for (const f of findings) {
    const label = labelOf(f.file, f.location.line);
    assert.ok(label, `${f.file}:${f.location.line} is not a labelled line`);
    assert.ok(label.includes(f.code), `${f.file}:${f.location.line}: ${f.code}, labelled ${label}`);
  }
  assert.equal(new Set(findings.map((f) => f.file)).size, tracebacks, 'each fixture once');
});

test('a crash no rule foresees gets DG100: the call, both dtypes, the origins, the cast', () => {
  const cwd = path.resolve('test/fixtures/explain/project');
  const { status, findings, stderr } = explainJson([path.resolve(log('cached-features-cpu.log'))], { cwd });
  assert.equal(status, 0, stderr);
  assert.equal(findings.length, 1);
  const [f] = findings;
  assert.equal(f.code, 'DG100');
  assert.equal(f.file, 'models/embed_head.py');
  const lines = readFileSync(path.join(cwd, f.file), 'utf8').split('\n');
  assert.match(lines[f.location.line - 1], /# crash:/);
  assert.match(f.message, /`self\.fc\(\.\.\.\)` raised "mat1 and mat2 must have the same dtype"/);
  // nn.Identity passes its input through: feats keeps the dtype it came in with
  assert.match(f.message, /input `feats` follows the input's dtype \(feats is an argument/);
  assert.match(f.message, /weight `self\.fc\.weight` follows the model's dtype/);
  assert.match(f.message, /no fixed dtype on this path/);
  assert.match(f.url, /docs\/explain\.md$/);
  assert.equal(f.fixes.length, 1);
  assert.equal(f.fixes[0].edits[0].content, 'feats.to(self.fc.weight.dtype)');
  assert.equal(
    lines[f.fixes[0].edits[0].location.line - 1].slice(f.fixes[0].edits[0].location.column - 1).startsWith('feats'),
    true,
  );
});

test('an mmengine run on CUDA: runner, mmdet and torch conv frames are skipped, and a project file not here', () => {
  const { status, findings, stderr } = explainJson([log('mmengine-solo-cuda.log')]);
  assert.equal(status, 0, stderr);
  assert.deepEqual(
    findings.map((f) => [f.file, f.location.line, f.code]),
    [['test/fixtures/code/dg104_solo_coord_concat.py', 25, 'DG104']],
  );
});

test('eight ranks printing one error (two of them interleaved) are one explanation', () => {
  const r = run(['explain', '--verbose', log('multi-rank-cuda.log')]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n').filter((l) => /: DG\d+ /.test(l));
  assert.deepEqual(
    lines.map((l) => l.split(' ')[0]),
    ['test/fixtures/code/dg101_zeros_bias.py:16:16:'],
  );
  assert.match(r.stderr, /printed 8x/);
  assert.match(r.stdout, /^1 dtype-mismatch error: 1 tied to a line\.$/m);
});

test("another machine's paths (Windows, another home folder) are matched by their tail", () => {
  const { status, findings, stderr } = explainJson([log('other-machine-cuda.log')]);
  assert.equal(status, 0, stderr);
  assert.deepEqual(
    findings.map((f) => [f.file, f.location.line, f.code]),
    [
      ['test/fixtures/code/dg103_lazy_projection.py', 18, 'DG103'],
      ['test/fixtures/code/dg102_head_float_input.py', 16, 'DG102'],
    ],
  );
});

test('stdin, text and SARIF say the same as JSON', () => {
  const input = readFileSync(log('other-machine-cuda.log'), 'utf8');
  const text = run(['explain'], { input });
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /^test\/fixtures\/code\/dg103_lazy_projection\.py:18:13: DG103 \[\*\] /m);
  assert.match(text.stdout, /^test\/fixtures\/code\/dg102_head_float_input\.py:16:16: DG102 \[\*\] /m);
  const sarif = JSON.parse(run(['explain', '--format', 'sarif', log('other-machine-cuda.log')]).stdout);
  assert.equal(sarif.version, '2.1.0');
  assert.deepEqual(
    sarif.runs[0].results.map((r) => [r.ruleId, r.locations[0].physicalLocation.region.startLine]),
    [
      ['DG103', 18],
      ['DG102', 16],
    ],
  );
});

test('an error with no frame in the workspace is reported as not tied, exit 1; a log without errors too', () => {
  const root = project({ 'models/head.py': 'import torch\n' });
  const logText = [
    'Traceback (most recent call last):',
    '  File "/opt/conda/lib/python3.8/site-packages/torch/nn/modules/conv.py", line 459, in _conv_forward',
    '    return F.conv2d(input, weight, bias, self.stride,',
    'RuntimeError: expected scalar type Half but found Float',
    '',
  ].join('\n');
  const r = run(['explain'], { cwd: root, input: logText });
  assert.equal(r.status, 1);
  assert.match(
    r.stderr,
    /not tied to a line \(no frame of its traceback is a file of this workspace\): expected scalar type Half but found Float/,
  );
  const none = run(['explain'], { cwd: root, input: 'epoch 1 loss 0.25\n' });
  assert.equal(none.status, 1);
  assert.match(none.stdout, /No dtype-mismatch error found\./);
  const missing = run(['explain', 'no-such.log'], { cwd: root });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no-such\.log: cannot read/);
});

test('a path the log names outside the workspace is never opened, even through a link inside it', () => {
  const outside = project({ 'secret.py': 'import torch\nx = F.conv2d(x, w)\n' });
  const root = project({ 'models/head.py': 'import torch\n' });
  symlinkSync(path.join(outside, 'secret.py'), path.join(root, 'models', 'linked.py'));
  const frame = (file) => [`  File "${file}", line 2, in forward`, '    x = F.conv2d(x, w)'];
  const logText = [
    'Traceback (most recent call last):',
    ...frame(path.join(outside, 'secret.py')),
    ...frame('../../etc/passwd'),
    ...frame('/etc/passwd'),
    ...frame(`${root}/../${path.basename(outside)}/secret.py`),
    ...frame('models/linked.py'),
    'RuntimeError: Input type (c10::Half) and weight type (float) should be the same',
    '',
  ].join('\n');
  const opened = path.join(root, '..', `${path.basename(root)}-opened.txt`);
  const spy = path.resolve('test/helpers/open-spy.cjs');
  const r = run(['explain'], { cwd: root, input: logText, env: { NODE_OPTIONS: `--require ${spy}`, DG_OPEN_LOG: opened } });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /not tied to a line/);
  const paths = readFileSync(opened, 'utf8').split('\n').filter(Boolean);
  assert.ok(paths.length > 0, 'the spy saw the files the CLI opened');
  assert.deepEqual(
    paths.filter((p) => p.includes('passwd') || p.includes('secret.py') || p.includes('linked.py')),
    [],
  );
});

test('a huge log with binary data and an endless line is read, and the error in it found', () => {
  const root = path.resolve('.');
  const dir = project();
  const file = path.join(dir, 'huge.log');
  const noise = Buffer.alloc(4 * 1024 * 1024);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
  // binary noise (NUL bytes included), an 8 MB line without a break, then a real traceback
  writeFileSync(file, Buffer.concat([noise, Buffer.alloc(8 * 1024 * 1024, 0x41), Buffer.from('\n')]));
  writeFileSync(file, readFileSync(log('multi-rank-cuda.log')), { flag: 'a' });
  const r = run(['explain', '--format', 'json', file], { cwd: root });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(
    JSON.parse(r.stdout).map((f) => [f.file, f.location.line]),
    [['test/fixtures/code/dg101_zeros_bias.py', 16]],
  );
});
