// Every code fixture: the findings (code and line) are exactly the ones its `# expect:` comments name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from '../helpers/core.mjs';
import { loadFixtures } from '../helpers/fixtures.mjs';

const fixtures = loadFixtures();

test('there are code fixtures to check', () => {
  assert.ok(fixtures.length > 0);
  assert.ok(
    fixtures.every((f) => f.regime),
    'every fixture names its regime on line 1',
  );
});

for (const fixture of fixtures) {
  test(`fixture ${fixture.name}`, () => {
    const findings = core.analyze(fixture.text, { path: fixture.file });
    const actual = findings.map((f) => `${f.code}@${f.range.start.line + 1}`).sort();
    assert.deepEqual(actual, fixture.expected);
  });
}
