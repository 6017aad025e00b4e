// Reads the code fixtures and the expectations written in them (`# expect: DG101` on a line).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const FIXTURES = path.resolve('test/fixtures/code');

/** Every fixture: its path, text, regime and expected findings as "CODE@line" (1-based). */
export function loadFixtures(dir = FIXTURES) {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.py'))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      const text = readFileSync(file, 'utf8');
      const regime = /^# regime: (\S+)/.exec(text)?.[1];
      /** @type {string[]} */
      const expected = [];
      text.split('\n').forEach((line, i) => {
        const m = /#\s*expect:\s*(DG\d+(?:\s*,\s*DG\d+)*)/.exec(line);
        if (m) for (const code of m[1].split(/\s*,\s*/)) expected.push(`${code}@${i + 1}`);
      });
      return { name, file, text, regime, expected: expected.sort() };
    });
}
