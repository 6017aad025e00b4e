// Memory while editing: the results kept from earlier versions of a document must not keep those
// versions' texts alive. A name sliced out of the text is a V8 view into the whole string, so one
// kept name held a whole version (about 50 MB after 60 edits of the 650 kB text below).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { built } from '../helpers/dist.mjs';

test('60 edits of a 650 kB module keep no earlier version of its text alive', () => {
  built('core.js');
  const run = spawnSync(process.execPath, ['--expose-gc', 'test/helpers/edit-memory-child.mjs', '60'], {
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  const { textLength, targets, before, after } = JSON.parse(run.stdout);
  assert.ok(targets >= 60, `${targets} lines to edit`);
  // Sixty versions kept would be 60 × textLength bytes or more; ten texts' worth is allowed for
  // the edited functions' new results and allocator noise.
  const grown = after - before;
  assert.ok(grown < 10 * textLength, `the live heap grew by ${grown} bytes over 60 edits (text: ${textLength})`);
});
