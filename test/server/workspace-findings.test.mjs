// Workspace mode skips the parse of files the prefilter rules out and keeps digests, not texts, in
// its caches: what it reports for every file must still be what a full, unfiltered analysis finds.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { core } from '../helpers/core.mjs';
import { startSession } from '../helpers/session.mjs';

const key = (uri, code, r) => `${uri} ${code} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

test('workspace mode reports, file by file, the findings of an analysis without the prefilter', async () => {
  const session = await startSession({ pull: true, settings: { diagnosticMode: 'workspace' }, tree: 'test/fixtures/code' });
  try {
    // Python the prefilter rules out: nothing to find, and the op words only in prose.
    writeFileSync(path.join(session.root, 'plain_math.py'), 'def add(a, b):\n    return a + b\n');
    writeFileSync(
      path.join(session.root, 'prose_only.py'),
      '"""Runs in linear time, like a conv over a list."""\n\n\ndef total(xs):\n    return sum(xs)  # linear too\n',
    );
    const report = await session.client.request('workspace/diagnostic', { previousResultIds: [] });
    const reported = report.items.flatMap((item) => item.items.map((d) => key(item.uri, d.code, d.range))).sort();
    const files = readdirSync(session.root).filter((name) => name.endsWith('.py'));
    const expected = files
      .flatMap((name) => {
        const file = path.join(session.root, name);
        const findings = core.analyze(readFileSync(file, 'utf8'), { path: file, prefilter: false });
        return findings.map((f) => key(session.uri(name), f.code, f.range));
      })
      .sort();
    assert.ok(expected.length > 50, 'the fixtures have findings to compare');
    assert.ok(
      files.some((name) => !core.internals.mayHaveFindings(readFileSync(path.join(session.root, name), 'utf8'))),
      'some fixture is one the prefilter rules out',
    );
    assert.deepEqual(reported, expected);
    assert.equal(new Set(report.items.map((i) => fileURLToPath(i.uri))).size, files.length, 'every file is reported');
  } finally {
    await session.close();
  }
});
