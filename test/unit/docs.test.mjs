// Rule pages: every page has the sections users rely on, parses as Python where it shows Python,
// is listed in both rule tables, and agrees with the rule registry and with the analysis itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { core } from '../helpers/core.mjs';
import { bullets, examplePrograms, fencedBlocks, loadRulePages } from '../helpers/rulePages.mjs';

const pages = loadRulePages();
const SEVERITIES = ['error', 'warning', 'information', 'hint'];
const COMMON = ['What it does', 'Why is this bad?', 'Example', 'References'];
// Code rules (DG1xx) also show the guarded forms and the PyTorch error they prevent.
const CODE_RULE = ['What it does', 'Why is this bad?', 'Example', 'When it does not fire', 'References'];
const TORCH_ERROR = /^RuntimeError: .*(should be the same|expected scalar type \w+ but found \w+|must have the same dtype)/;
const MAX_LINES = 120;

const isCodeRule = (page) => page.code.startsWith('DG1');
const section = (page, title) => page.sections.find((s) => s.title === title)?.body ?? '';

test('there are rule pages', () => {
  assert.ok(pages.length > 0);
});

for (const page of pages) {
  test(`${page.code}: title, severity line and sections`, () => {
    assert.equal(page.titleCode, page.code, `line 1 must read "# ${page.code} <rule-name>"`);
    assert.ok(page.name, 'the title names the rule in kebab-case');
    assert.ok(SEVERITIES.includes(page.severity ?? ''), `"**Default severity:** <${SEVERITIES.join('|')}> · **Fix:** ..." line`);
    const expected = isCodeRule(page) ? CODE_RULE : COMMON;
    const titles = page.sections.map((s) => s.title).filter((t) => expected.includes(t));
    assert.deepEqual(titles, expected, 'sections present, once each, in this order');
    for (const title of expected) assert.match(section(page, title), /\S/, `section "${title}" is not empty`);
    assert.ok(bullets(section(page, 'References')).length > 0, 'References lists at least one source');
    assert.ok(page.lines.length <= MAX_LINES, `${page.lines.length} lines; keep a page under ${MAX_LINES}`);
  });

  test(`${page.code}: every Python block parses`, () => {
    for (const block of fencedBlocks(page.text).filter((b) => b.lang === 'python')) {
      const tree = core.parse(block.code);
      try {
        assert.equal(tree.rootNode.hasError, false, `syntax error in the block at offset ${block.offset}:\n${block.code}`);
      } finally {
        tree.delete();
      }
    }
  });

  if (!isCodeRule(page)) continue;

  test(`${page.code}: quotes the PyTorch error, shows an example and what to use instead`, () => {
    const errors = fencedBlocks(section(page, 'Why is this bad?')).filter((b) => b.lang === '');
    assert.ok(errors.length > 0, 'Why is this bad? quotes the error in a plain fenced block');
    for (const line of errors.flatMap((b) => b.code.split('\n')).filter((l) => l.trim())) {
      assert.match(line, TORCH_ERROR, 'each quoted line is a PyTorch dtype-mismatch error');
    }
    const { fixes, between } = examplePrograms(page);
    assert.ok(fixes.length >= 1, 'Example has the crashing code and the code to use instead');
    assert.match(between, /^Use instead/m, '"Use instead" introduces the second block');
    assert.ok(bullets(section(page, 'When it does not fire')).length > 0, 'When it does not fire lists the guarded forms');
    assert.ok(
      bullets(section(page, 'References')).some((b) => /\b[\w.-]+\/[\w.-]+#\d+/.test(b)),
      'References name at least one public thread (owner/repo#number)',
    );
  });

  const rule = core.ruleByCode(page.code);
  if (!rule) continue;

  test(`${page.code}: the analysis flags the Example and not the code to use instead`, () => {
    const { example, fixes } = examplePrograms(page);
    const codes = (source) => core.analyze(source).map((f) => f.code);
    assert.ok(codes(example).includes(page.code), `the Example is reported as ${page.code}`);
    for (const fix of fixes) {
      assert.notEqual(fix.program, example, 'the block to use instead changes the example');
      assert.deepEqual(codes(fix.program), [], `no finding once the example uses:\n${fix.block}`);
    }
  });
}

test('every registered rule has a page with its name and default severity', () => {
  for (const rule of core.rules) {
    const page = pages.find((p) => p.code === rule.code);
    assert.ok(page, `docs/rules/${rule.code}.md exists`);
    assert.equal(page.name, rule.name, `${rule.code} page title names the rule`);
    assert.equal(page.severity, rule.defaultSeverity, `${rule.code} page states the default severity`);
  }
});

/** Rows of a markdown table whose first cell links a rule page: { code, href, name, cells }. */
function ruleRows(markdown) {
  const rows = [];
  for (const line of markdown.split('\n')) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const link = /^\[(DG\d+)\]\(([^)]+)\)$/.exec(cells[0] ?? '');
    if (link) rows.push({ code: link[1], href: link[2], name: cells[1], cells });
  }
  return rows;
}

test("README.md's rules table lists every page, linked, under the page's rule name", () => {
  const rows = ruleRows(readFileSync('README.md', 'utf8'));
  for (const page of pages) {
    const row = rows.find((r) => r.code === page.code);
    assert.ok(row, `README.md rules table has a row for ${page.code}`);
    assert.equal(row.href, `docs/rules/${page.code}.md`);
    assert.equal(row.name, page.name);
  }
  for (const row of rows)
    assert.ok(
      pages.some((p) => p.code === row.code),
      `${row.code} in README.md has a page`,
    );
});

test('docs/rules/README.md indexes every page with its name and default severity', () => {
  const rows = ruleRows(readFileSync('docs/rules/README.md', 'utf8'));
  for (const page of pages) {
    const row = rows.find((r) => r.code === page.code);
    assert.ok(row, `docs/rules/README.md has a row for ${page.code}`);
    assert.equal(row.href, `${page.code}.md`);
    assert.equal(row.name, page.name);
    assert.equal(row.cells.at(-1), page.severity);
  }
  for (const row of rows)
    assert.ok(
      pages.some((p) => p.code === row.code),
      `${row.code} in the index has a page`,
    );
});
