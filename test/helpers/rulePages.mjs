// Reads the rule pages in docs/rules/: title, severity line, sections and their code blocks.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const RULE_DOCS = path.resolve('docs/rules');

/** @typedef {ReturnType<typeof loadRulePages>[number]} RulePage */

/** Every `DGnnn.md` page: its code (from the file name), title parts, severity and sections. */
export function loadRulePages(dir = RULE_DOCS) {
  return readdirSync(dir)
    .filter((name) => /^DG\d+\.md$/.test(name))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n');
      const title = /^# (DG\d+) ([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(lines[0] ?? '');
      const severity = /^\*\*Default severity:\*\* (\w+) · \*\*Fix:\*\* \S/m.exec(text)?.[1];
      return {
        code: name.slice(0, -3),
        file,
        text,
        lines,
        titleCode: title?.[1],
        name: title?.[2],
        severity,
        sections: sectionsOf(text),
      };
    });
}

/**
 * The `## ` sections of a page, in order: [{ title, body }]. Fenced code never starts a section.
 * @param {string} text
 */
export function sectionsOf(text) {
  /** @type {{ title: string, body: string }[]} */
  const sections = [];
  let inFence = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    if (!inFence && line.startsWith('## ')) sections.push({ title: line.slice(3).trim(), body: '' });
    else if (sections.length) sections[sections.length - 1].body += line + '\n';
  }
  return sections;
}

/**
 * The fenced blocks of a markdown text: [{ lang, code, offset }] (offset of the opening fence).
 * @param {string} markdown
 */
export function fencedBlocks(markdown) {
  /** @type {{ lang: string, code: string, offset: number }[]} */
  const blocks = [];
  const re = /^```(\w*)\n([\s\S]*?)^```$/gm;
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) blocks.push({ lang: m[1], code: m[2], offset: m.index });
  return blocks;
}

/**
 * Bullet items (`- ...`, continuation lines joined) of a section body.
 * @param {string} body
 */
export function bullets(body) {
  /** @type {string[]} */
  const items = [];
  for (const line of body.split('\n')) {
    if (line.startsWith('- ')) items.push(line.slice(2));
    else if (/^\s+\S/.test(line) && items.length) items[items.length - 1] += ' ' + line.trim();
  }
  return items;
}

/**
 * A code-rule page's Example section as programs: the crashing example (its first Python block)
 * and, for every later block, the example rewritten to use it. Also the oracle line
 * `<!-- oracle: regime=R; make: EXPR -->` that says how to run them with real PyTorch.
 * @param {RulePage} page
 */
export function examplePrograms(page) {
  const body = page.sections.find((s) => s.title === 'Example')?.body ?? '';
  const blocks = fencedBlocks(body).filter((b) => b.lang === 'python');
  const example = blocks[0]?.code ?? '';
  const fixes = blocks.slice(1).map((b) => ({ block: b.code, program: withReplacedDefinitions(example, b.code) }));
  const oracle = /<!-- oracle: regime=([\w-]+)(?:; make: (.*?))? -->/.exec(body);
  const between = blocks.length > 1 ? body.slice(blocks[0].offset, blocks[1].offset) : '';
  return { example, fixes, between, oracle: oracle && { regime: oracle[1], make: oracle[2] } };
}

/**
 * The program a "Use instead" block stands for: the example with each top-level definition
 * (class, def, decorated def) that the block redefines replaced by the block's version, and the
 * block's other statements added. A page shows only what changes; this puts it back in context.
 * @param {string} example
 * @param {string} replacement
 */
export function withReplacedDefinitions(example, replacement) {
  const base = topLevelChunks(example);
  const repl = topLevelChunks(replacement);
  /** @type {Set<Chunk>} */
  const replaced = new Set();
  const out = base.map((chunk) => {
    const twin = chunk.name && repl.find((r) => r.name === chunk.name);
    if (!twin) return chunk.text;
    replaced.add(twin);
    return twin.text;
  });
  for (const chunk of repl) {
    if (replaced.has(chunk) || (!chunk.name && base.some((b) => b.text.trim() === chunk.text.trim()))) continue;
    out.push(chunk.text);
  }
  return out.join('');
}

/** @typedef {{ name: string | undefined, text: string }} Chunk */

/**
 * Splits Python source at column-0 statements; names class/def chunks (decorators included).
 * @param {string} source
 */
function topLevelChunks(source) {
  /** @type {Chunk[]} */
  const chunks = [];
  let pendingDecorators = false;
  for (const line of source.split(/(?<=\n)/)) {
    const starts = /^[^\s#)\]}]/.test(line);
    if ((starts && !pendingDecorators) || chunks.length === 0) chunks.push({ name: undefined, text: '' });
    const current = chunks[chunks.length - 1];
    current.text += line;
    if (starts) {
      const def = /^(?:async\s+)?(?:def|class)\s+(\w+)/.exec(line);
      if (def) current.name = def[1];
      pendingDecorators = line.startsWith('@');
    }
  }
  return chunks;
}
