/**
 * The effective config of a file: its `_base_` chain resolved and merged the way mmengine does it,
 * with the problems found on the way (missing bases, cycles, merge errors). Results are cached and
 * stay valid while every file they read is unchanged.
 */
import path from 'node:path';
import { digestOf } from '../digest';
import type { Range, Related } from '../types';
import { evaluateFile, readBaseDeclaration, type BaseDeclaration, type BaseRef } from './evaluate';
import { combineBases, mergeInto, type DuplicateKey, type MergeError } from './merge';
import { resolveBase } from './resolve';
import type { DictValue } from './values';
import { isInside, type Workspace } from '../fileAccess';
import { transientSession, type AnalysisSession } from '../session';
import { workspacePath } from '../paths';

export type LinkStatus = 'ok' | 'missing' | 'outside' | 'cycle' | 'unresolved-package' | 'too-deep';

export interface BaseLink {
  ref: BaseRef;
  status: LinkStatus;
  /** The file the reference resolved to (or would have, when missing). */
  file?: string;
}

/** What went wrong, as mmengine would fail on it; the config rules choose the kinds they report. */
export type ConfigProblemKind = 'duplicate-key' | 'merge-type' | 'missing-base' | 'base-cycle' | 'base-too-deep';

export interface ConfigProblem {
  kind: ConfigProblemKind;
  message: string;
  range: Range;
  related?: Related[];
}

export interface EffectiveConfig {
  file: string;
  values: DictValue;
  declaration?: BaseDeclaration;
  links: BaseLink[];
  /** Problems located in this file. */
  problems: ConfigProblem[];
  /** Top-level name → statements assigning it in this file. */
  statements: Map<string, Range[]>;
  /** Every file read, with the digest of the text used: the result is valid while they are unchanged. */
  inputs: Map<string, string>;
}

const MAX_DEPTH = 40;
const CACHE_LIMIT = 300;

/** The effective config of `file`, whose current text is `text`. */
export function effectiveConfig(
  file: string,
  text: string,
  workspace: Workspace,
  options: { store?: boolean; session?: AnalysisSession } = {},
): EffectiveConfig {
  const session = options.session ?? transientSession();
  return resolve(path.resolve(file), text, workspace, session, [], options.store ?? true).config;
}

function cached(
  file: string,
  text: string,
  workspace: Workspace,
  cache: Map<string, EffectiveConfig>,
): EffectiveConfig | undefined {
  const entry = cache.get(file);
  if (!entry || entry.inputs.get(file) !== digestOf(text)) return undefined;
  for (const [input, used] of entry.inputs) {
    if (input === file) continue;
    const now = workspace.readFile(input);
    if (now === undefined || digestOf(now) !== used) return undefined;
  }
  // refresh its place in the LRU order
  cache.delete(file);
  cache.set(file, entry);
  return entry;
}

function store(entry: EffectiveConfig, cache: Map<string, EffectiveConfig>): void {
  cache.set(entry.file, entry);
  while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
}

/** `cycle` names a `_base_` cycle met below this file: such results are partial and not cached. */
function resolve(
  file: string,
  text: string,
  workspace: Workspace,
  session: AnalysisSession,
  stack: string[],
  keep = true,
): { config: EffectiveConfig; cycle?: string } {
  const hit = keep ? cached(file, text, workspace, session.configs) : undefined;
  if (hit) return { config: hit };
  const root = session.parseSyntax(text);
  const declaration = readBaseDeclaration(root);
  const inputs = new Map([[file, digestOf(text)]]);
  const problems: ConfigProblem[] = [];
  const links: BaseLink[] = [];
  const bases: DictValue[] = [];
  let cycle: string | undefined;
  for (const ref of declaration?.refs ?? []) {
    const link = followBase(ref, file, workspace, session, stack, declaration!.lazy);
    links.push(link.link);
    if (link.problem) problems.push(link.problem);
    if (link.config) {
      bases.push(link.config.values);
      for (const [f, t] of link.config.inputs) inputs.set(f, t);
    }
    cycle ??= link.cycle;
  }
  const origin = { file, range: declaration?.statement ?? zero, valueRange: declaration?.statement ?? zero };
  const duplicates: DuplicateKey[] = [];
  const base = bases.length ? combineBases(bases, origin, duplicates) : undefined;
  const own = evaluateFile(file, root, base, declaration?.lazy ?? false);
  const errors: MergeError[] = [];
  let values = own.values;
  if (!declaration?.lazy && own.base) values = mergeInto(own.values, own.base, errors);
  values.origin = origin;
  if (!declaration?.lazy) for (const d of duplicates) problems.push(duplicateProblem(d, declaration!.statement));
  for (const e of errors) problems.push(mergeProblem(e, file, declaration?.statement ?? zero));
  const config: EffectiveConfig = { file, values, declaration, links, problems, statements: own.statements, inputs };
  if (!cycle && keep) store(config, session.configs);
  return { config, cycle };
}

const zero: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

interface Followed {
  link: BaseLink;
  config?: EffectiveConfig;
  problem?: ConfigProblem;
  cycle?: string;
}

function followBase(
  ref: BaseRef,
  file: string,
  workspace: Workspace,
  session: AnalysisSession,
  stack: string[],
  lazy: boolean,
): Followed {
  const target = resolveBase(ref.text, file, workspace, lazy);
  if (target.status === 'unresolved-package') {
    // a package that is not installed here is not a config bug: shown in the hover only
    return { link: { ref, status: 'unresolved-package' } };
  }
  const where = path.basename(target.file);
  if (target.status === 'missing' && !isInside(target.file, [...workspace.roots, ...(workspace.sitePackages ?? [])])) {
    // a base above the opened folder is not read, and not the config's fault: shown in the hover only
    return { link: { ref, status: 'outside', file: target.file } };
  }
  if (target.status === 'missing') {
    const problem = {
      kind: 'missing-base' as const,
      message: `Base config not found: ${workspacePath(target.file, workspace.roots)}`,
      range: ref.range,
    };
    return { link: { ref, status: 'missing', file: target.file }, problem };
  }
  const chain = [...stack, file];
  if (chain.includes(target.file)) {
    const cycle = [...chain.slice(chain.indexOf(target.file)), target.file].map((f) => path.basename(f)).join(' → ');
    const message = `Base config cycle: ${cycle} (mmengine would recurse until it fails)`;
    return {
      link: { ref, status: 'cycle', file: target.file },
      problem: { kind: 'base-cycle', message, range: ref.range },
      cycle: message,
    };
  }
  if (chain.length >= MAX_DEPTH) {
    const message = `Base chain deeper than ${MAX_DEPTH} files at '${where}': not followed`;
    return {
      link: { ref, status: 'too-deep', file: target.file },
      problem: { kind: 'base-too-deep', message, range: ref.range },
      cycle: message,
    };
  }
  const inner = resolve(target.file, target.text, workspace, session, chain);
  const link: BaseLink = { ref, status: 'ok', file: target.file };
  if (!inner.cycle) return { link, config: inner.config };
  // the cycle is reported in every file of it, each on its own `_base_` line
  const problem = { kind: 'base-cycle' as const, message: inner.cycle, range: ref.range };
  return { link, config: inner.config, problem, cycle: inner.cycle };
}

function duplicateProblem(d: DuplicateKey, statement: Range): ConfigProblem {
  return {
    kind: 'duplicate-key',
    message: `'${d.key}' is set by two base configs (${path.basename(d.first.file)}, ${path.basename(d.second.file)}): mmengine raises KeyError`,
    range: statement,
    related: [
      { file: d.first.file, range: d.first.range, message: `'${d.key}' set here` },
      { file: d.second.file, range: d.second.range, message: `and here` },
    ],
  };
}

function mergeProblem(e: MergeError, file: string, statement: Range): ConfigProblem {
  return {
    kind: 'merge-type',
    message: e.message,
    range: e.child.file === file ? e.child.range : statement,
    related: [{ file: e.base.file, range: e.base.range, message: `the base sets ${e.key} here` }],
  };
}
