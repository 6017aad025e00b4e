// "Log operand dtypes here": the debug line, the logger it reuses or adds, and that fix-all never applies it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { core } from '../helpers/core.mjs';
import { gen } from '../helpers/dtypeTest.mjs';

const DIR = path.resolve('test/fixtures/log-dtypes');

before(() => gen.initParser());

/** The fix (or undefined) for the call on the line holding `marker`, and the text. */
function logAt(name, marker) {
  const text = readFileSync(path.join(DIR, name), 'utf8');
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(marker));
  assert.ok(line >= 0, marker);
  const fix = gen.logDtypesFix(gen.parseSyntax(text), { line, character: lines[line].indexOf(marker) + 1 });
  return { fix, text };
}

/** Like `logAt`, for a call that must get the fix: the fix, the text and the text with it applied. */
function fixedAt(name, marker) {
  const { fix, text } = logAt(name, marker);
  assert.ok(fix, `a fix at ${marker} in ${name}`);
  return { fix, fixed: core.applyEdits(text, fix.edits), text };
}

test('a conv call: one debug line before it, each operand with its dtype and shape; logging added once', () => {
  const { fix, fixed } = fixedAt('no_logger.py', 'F.conv2d');
  assert.equal(fix.title, 'Log operand dtypes here');
  assert.match(fixed, /^import logging\n\nlogger = logging\.getLogger\(__name__\)\n/m);
  assert.match(
    fixed,
    /\n {8}logger\.debug\("F\.conv2d operands: input %s %s, weight %s %s, bias %s %s", getattr\(x, "dtype", None\), tuple\(getattr\(x, "shape", \(\)\)\), getattr\(self\.weight, "dtype", None\), .*\)\n {8}y = F\.conv2d\(/,
  );
  assert.equal(fixed.match(/import logging/g)?.length, 1);
  assert.deepEqual(
    core.analyze(fixed).map((f) => f.code),
    core.analyze(readFileSync(path.join(DIR, 'no_logger.py'), 'utf8')).map((f) => f.code),
  );
});

test("a layer call (self.proj(y)) logs the input and the layer's weight and bias", () => {
  const { fixed } = fixedAt('no_logger.py', 'self.proj(y)');
  assert.match(fixed, /logger\.debug\("self\.proj operands: input %s %s, weight %s %s, bias %s %s", getattr\(y, "dtype", None\)/);
  assert.match(fixed, /getattr\(getattr\(self\.proj, "bias", None\), "dtype", None\)/);
});

test("the module's own logger is reused (log = logging.getLogger(...)), nothing added", () => {
  const { fix, fixed } = fixedAt('with_logger.py', 'F.linear');
  assert.equal(fix.edits.length, 1);
  assert.match(fixed, /\n {8}log\.debug\("F\.linear operands: input %s %s, weight %s %s, bias %s %s"/);
});

test("mmengine: MMLogger's current instance, or print_log at DEBUG level", () => {
  const mm = fixedAt('mm_logger.py', 'torch.matmul');
  assert.equal(mm.fix.edits.length, 1);
  assert.match(mm.fixed, /\n {4}MMLogger\.get_current_instance\(\)\.debug\("torch\.matmul operands: input %s %s, other %s %s"/);
  const pl = fixedAt('print_log.py', 'F.conv2d');
  assert.match(pl.fixed, /^import logging\n/m);
  assert.match(
    pl.fixed,
    /\n {4}print_log\("F\.conv2d operands: input %s %s, weight %s %s" % \(.*\), logger="current", level=logging\.DEBUG\)\n/,
  );
});

test('no action away from an op call', () => {
  assert.equal(logAt('no_logger.py', 'torch.zeros').fix, undefined);
  assert.equal(logAt('no_logger.py', 'y.dim()').fix, undefined);
});

test('display-only: neither safe nor preferred, and marked so for fix-all and --fix to skip', () => {
  const { fix, fixed, text } = fixedAt('no_logger.py', 'F.conv2d');
  assert.deepEqual([fix.displayOnly, fix.safe, fix.preferred], [true, false, false]);
  // The logged file parses as cleanly as the original and keeps its findings.
  assert.equal(gen.parseSyntax(fixed).hasError, gen.parseSyntax(text).hasError);
  assert.deepEqual(
    core.analyze(fixed).map((f) => f.code),
    core.analyze(text).map((f) => f.code),
  );
});
