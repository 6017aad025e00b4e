// `dtype-guard dtype-test PATH --class NAME [--out FILE]`: prints or writes the test, extends a file, clear errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { project, run } from '../helpers/cli.mjs';

const HEADS = readFileSync(path.resolve('test/fixtures/dtype-test/pkg_project/models/heads.py'), 'utf8');
const files = {
  'models/__init__.py': '',
  'models/heads.py': HEADS,
  'pyproject.toml': '[tool.dtype-guard]\ntests-folder = "qa"\n',
};

test('prints the test, its sys.path relative to <tests-folder>/test_<module>_dtypes.py of the project', () => {
  const root = project(files);
  const r = run(['dtype-test', 'models/heads.py', '--class', 'FusedBiasHead'], { cwd: root });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^sys\.path\.insert\(0, str\(\(Path\(__file__\)\.resolve\(\)\.parent \/ "\.\."\)\.resolve\(\)\)\)$/m);
  assert.match(r.stdout, /^from models\.heads import FusedBiasHead {2}# noqa: E402$/m);
  assert.match(r.stdout, /^def test_fused_bias_head_dtypes\(regime\):$/m);
  assert.equal(r.stderr, '');
});

test('--out writes the file, a second class extends it, the same class again leaves it', () => {
  const root = project(files);
  const out = path.join(root, 'qa/test_heads_dtypes.py');
  const first = run(['dtype-test', 'models/heads.py', '--class', 'FusedBiasHead', '--out', 'qa/test_heads_dtypes.py'], {
    cwd: root,
  });
  assert.equal(first.status, 0, first.stderr);
  assert.equal(first.stdout, 'wrote qa/test_heads_dtypes.py (FusedBiasHead from models.heads)\n');
  const second = run(['dtype-test', 'models/heads.py', '--class', 'ClsHead', '--out', out], { cwd: root });
  assert.equal(second.stdout, 'added a test to qa/test_heads_dtypes.py (ClsHead from models.heads)\n');
  const text = readFileSync(out, 'utf8');
  assert.match(text, /def test_fused_bias_head_dtypes[\s\S]*def test_cls_head_dtypes/);
  const third = run(['dtype-test', 'models/heads.py', '--class', 'ClsHead', '--out', out], { cwd: root });
  assert.match(third.stdout, /already tests ClsHead: left as it is/);
  assert.equal(readFileSync(out, 'utf8'), text);
});

test('placeholders are named on stderr; the printed test skips until they are filled', () => {
  const root = project(files);
  const r = run(['dtype-test', 'models/heads.py', '--class', 'PrototypeHead'], { cwd: root });
  assert.equal(r.status, 0);
  assert.equal(r.stderr, 'placeholder: prototypes: nothing in __init__ tells what `prototypes` takes\n');
  assert.match(r.stdout, /pytest\.skip\("fill in the PLACEHOLDER values in make_prototype_head\(\)"\)/);
});

test('an unknown class, a missing --class or a missing file: one line on stderr, exit 2', () => {
  const root = project(files);
  const unknown = run(['dtype-test', 'models/heads.py', '--class', 'Missing'], { cwd: root });
  assert.equal(unknown.status, 2);
  assert.match(
    unknown.stderr,
    /^dtype-guard: error: no class Missing in the file; its nn\.Module classes: FusedBiasHead, ClsHead/,
  );
  const noClass = run(['dtype-test', 'models/heads.py'], { cwd: root });
  assert.equal(noClass.status, 2);
  assert.match(noClass.stderr, /required option '--class <name>'/);
  const noFile = run(['dtype-test', 'models/nope.py', '--class', 'X'], { cwd: root });
  assert.equal(noFile.status, 2);
  assert.equal(noFile.stderr.split('\n').filter(Boolean).length, 1);
});
