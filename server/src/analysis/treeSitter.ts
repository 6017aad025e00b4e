/** Loads web-tree-sitter and the Python grammar once, from the wasm files shipped next to the bundle. */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { Language, Parser, type Tree } from 'web-tree-sitter';

// The runtime and the grammar, loaded once per process: web-tree-sitter's wasm runtime is global
// to the process anyway, and a loaded Language is never changed. Parsers (which do keep state
// between parses) belong to analysis sessions (session.ts).
let loading: Promise<Language> | undefined;
let language: Language | undefined;
/** The Emscripten module object: Parser.init fills the options object it is given with the wasm exports. */
let wasmModule: Record<string, unknown> | undefined;

/** The folder holding the two wasm files: next to the running bundle. */
function wasmDir(): string {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  if (existsSync(path.join(here, 'tree-sitter-python.wasm'))) return here;
  return path.resolve(here, '..', '..', '..', 'dist');
}

/** Loads the tree-sitter runtime and the Python grammar (once); parsing needs it to have resolved. */
export function initParser(): Promise<Language> {
  loading ??= (async () => {
    const dir = wasmDir();
    const options = { locateFile: (name: string) => path.join(dir, name) };
    await Parser.init(options);
    wasmModule = options;
    language = await Language.load(path.join(dir, 'tree-sitter-python.wasm'));
    return language;
  })();
  return loading;
}

/** The loaded wasm module's exports (for the fast tree walk in syntax.ts), once the parser is loaded. */
export function wasmExports(): Record<string, unknown> | undefined {
  return wasmModule;
}

/** A new parser for the Python grammar (its owner frees it); `initParser()` must have resolved first. */
export function newParser(): Parser {
  if (!language) throw new Error('parser not initialised: await initParser() first');
  const p = new Parser();
  p.setLanguage(language);
  return p;
}

/**
 * Bounds on one parse. `maxSteps` counts the parser's progress reports (one per ~100 parser
 * operations), a deterministic bound; `timeoutMs` is the wall-clock bound an editor wants.
 * (`Parser.setTimeoutMicros` is unusable in web-tree-sitter 0.25.10: it throws a BigInt TypeError.)
 */
export interface ParseLimits {
  maxSteps?: number;
  timeoutMs?: number;
}

/** Thrown when a parse exceeds its limits; the document is then left unanalysed. */
export class ParseCancelledError extends Error {
  constructor(readonly reason: 'steps' | 'timeout') {
    super(reason === 'timeout' ? 'parsing took too long and was stopped' : 'parsing exceeded its step budget and was stopped');
    this.name = 'ParseCancelledError';
  }
}

/**
 * Tree-sitter counts only `\n` as a line break, LSP and Python also a lone `\r`: turning a lone
 * `\r` into `\n` keeps every offset and makes tree rows equal editor lines.
 */
export function normalizeLineBreaks(source: string): string {
  return source.includes('\r') ? source.replace(/\r(?!\n)/g, '\n') : source;
}

/** What is left of a parse's limits: the pieces of one text share them (see chunks.ts). */
export class ParseBudget {
  private steps: number;
  private readonly deadline: number;

  constructor(limits: ParseLimits = {}) {
    this.steps = limits.maxSteps ?? Infinity;
    this.deadline = limits.timeoutMs === undefined ? Infinity : Date.now() + limits.timeoutMs;
  }

  get bounded(): boolean {
    return this.steps !== Infinity || this.deadline !== Infinity;
  }

  /** Counts one progress report; the reason to stop, once the budget is spent. */
  spend(): 'steps' | 'timeout' | undefined {
    if (--this.steps < 0) return 'steps';
    if (Date.now() > this.deadline) return 'timeout';
    return undefined;
  }
}

/**
 * Parses a source text with the given parser, else with one made for this parse and freed after
 * it. `limits` may be a budget that several parses share (the pieces of one text, pieces.ts).
 */
export function parse(source: string, limits: ParseLimits | ParseBudget = {}, parser?: Parser): Tree {
  const budget = limits instanceof ParseBudget ? limits : new ParseBudget(limits);
  if (parser) return parseWith(parser, source, budget);
  const borrowed = newParser();
  try {
    return parseWith(borrowed, source, budget);
  } finally {
    borrowed.delete();
  }
}

function parseWith(p: Parser, source: string, budget: ParseBudget): Tree {
  const text = normalizeLineBreaks(source);
  let tree: Tree | null;
  let reason: 'steps' | 'timeout' | undefined;
  if (!budget.bounded) {
    tree = p.parse(text);
  } else {
    const progressCallback = (): boolean => {
      reason = budget.spend();
      return reason !== undefined;
    };
    // The declared return type is void, but tree-sitter cancels when the callback returns true.
    tree = p.parse(text, null, { progressCallback: progressCallback as () => void });
  }
  if (!tree) {
    // A cancelled parse is resumed by the next call unless the parser is reset, which would
    // hand the next document a tree of this one.
    p.reset();
    throw reason ? new ParseCancelledError(reason) : new Error('parse failed');
  }
  return tree;
}
