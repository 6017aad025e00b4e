/**
 * An analysis session: the parser and everything remembered between analyses (other files' code
 * findings, effective configs, module summaries, registries, reverse config links, disk reads).
 * The server makes one for its workspace, each CLI thread one, each test a fresh one; whoever
 * sees a file change tells the session (`fileChanged`), and nothing else needs to be invalidated.
 */
import path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import type { EffectiveConfig } from './config/effective';
import type { FileSummary } from './config/modules';
import type { RegistryIndex } from './config/registry';
import type { ReverseIndex } from './config/reverse';
import type { ConfigInput, ConfigState } from './config/state';
import type { Workspace } from './fileAccess';
import { newParser, type ParseLimits } from './treeSitter';
import { parseSyntax } from './pieces';
import type { SyntaxNode } from './syntax';
import type { Finding } from './types';

export interface SessionOptions {
  /**
   * Whether the session keeps a parser of its own (freed by `dispose`). Without one each parse
   * borrows a parser for that parse only: for a session made for one call, which nobody disposes.
   */
  ownParser?: boolean;
}

export class AnalysisSession {
  private parserOwned: Parser | undefined;
  /**
   * Bumped when a file changes in a way that may matter to other files: what is remembered across
   * files (memoised disk reads, the registry's module files, the reverse config links) keys on it.
   */
  generation = 0;
  /** Code-rule findings of other files, by file and extra rules; the digest tells whether the text changed. */
  readonly codeFindings = new Map<string, { digest: string; findings: Finding[] }>();
  /** Effective configs by file, valid while every file they read is unchanged (LRU order). */
  readonly configs = new Map<string, EffectiveConfig>();
  /** Class summaries of workspace files, by file, valid while the text is the same. */
  readonly summaries = new Map<string, FileSummary>();
  /** A module's file by module and folder, per workspace, for one generation. */
  readonly moduleFiles = new WeakMap<Workspace, { generation: number; map: Map<string, string | undefined> }>();
  /** The registered classes of each workspace, kept while the workspace is. */
  readonly registries = new WeakMap<Workspace, RegistryIndex>();
  /** The same registries, weakly, so that a change reaches every one still alive. */
  private readonly liveRegistries = new Set<WeakRef<RegistryIndex>>();
  /** Per workspace, the configs with AMP on that reach each class. */
  readonly reverse = new WeakMap<Workspace, ReverseIndex>();
  /** The disk around a file's guessed project, for analyses given no workspace. */
  readonly defaultWorkspaces = new Map<string, Workspace>();
  /** The config view of one analysis, shared by its config rules (keyed by the rule context). */
  readonly configStates = new WeakMap<ConfigInput, ConfigState | null>();
  /** How many function entries the dtype model ran and how many it reused (tests, benchmarks). */
  readonly entryCounts = { run: 0, reused: 0 };
  /** The rows of the tensor-method table the dtype model applied (a test checks the fixtures reach them). */
  readonly methodsApplied = new Set<string>();

  constructor(private readonly options: SessionOptions = { ownParser: true }) {}

  /** The session's parser, or undefined when each parse borrows one (see `SessionOptions`). */
  get parser(): Parser | undefined {
    if (!this.options.ownParser) return undefined;
    return (this.parserOwned ??= newParser());
  }

  /** Parses a text with the session's parser into the syntax tree the rules walk. */
  parseSyntax(source: string, limits?: ParseLimits): SyntaxNode {
    return parseSyntax(source, limits, this.parser);
  }

  /**
   * A file changed, appeared or went away (none named: anything may have). `edited`: an open
   * document whose new text the workspace serves from memory, so remembered disk reads stay
   * valid unless other configs read it. Returns how many results of other configs were dropped.
   */
  fileChanged(file?: string, options: { edited?: boolean } = {}): number {
    const target = file === undefined ? undefined : path.resolve(file);
    const others = this.dropConfigs(target);
    if (!options.edited || others > 0) this.generation++;
    for (const ref of this.liveRegistries) {
      const registry = ref.deref();
      if (!registry) this.liveRegistries.delete(ref);
      else if (target === undefined) registry.invalidateAll();
      else registry.invalidate(target);
    }
    return others;
  }

  /** Remembers a workspace's registry for as long as the workspace lives. */
  keepRegistry(workspace: Workspace, registry: RegistryIndex): void {
    this.registries.set(workspace, registry);
    this.liveRegistries.add(new WeakRef(registry));
  }

  /** Frees the parser; the session's caches go with the object. */
  dispose(): void {
    this.parserOwned?.delete();
    this.parserOwned = undefined;
  }

  private dropConfigs(target: string | undefined): number {
    if (target === undefined) {
      const size = this.configs.size;
      this.configs.clear();
      return size;
    }
    let others = 0;
    for (const [key, entry] of this.configs) {
      if (!entry.inputs.has(target)) continue;
      this.configs.delete(key);
      if (key !== target) others++;
    }
    return others;
  }
}

/** A session that borrows a parser per parse, for a call given none (its caches live as long as the call). */
export function transientSession(): AnalysisSession {
  return new AnalysisSession({ ownParser: false });
}
