/** The entry point of the core: parse a file, run the rules, keep what settings and `# noqa` allow. */
import type { Tree } from 'web-tree-sitter';
import path from 'node:path';
import { configsReaching } from './config/reverse';
import { digestOf } from './digest';
import { workspaceOf } from './config/state';
import type { Workspace } from './config/workspace';
import { collectImports } from './imports';
import { isSuppressed, readSuppressions } from './noqa';
import { normalizeLineBreaks, type ParseLimits } from './parser';
import { isConfigFile } from './config/isConfig';
import { mayHaveFindings } from './prefilter';
import type { Rule, RuleContext } from './rule';
import { parseSyntax, toSyntax, type SyntaxNode } from './syntax';
import { rules as allRules } from './rules/index';
import type { Finding, Severity } from './types';

export interface AnalyzeOptions {
  /** Absolute path of the file, used by rules that look at neighbours (configs). */
  path?: string;
  /** Codes or prefixes to run (`DG1` selects DG101…DG107); empty or absent means all. */
  select?: string[];
  /** Codes or prefixes never to run. */
  ignore?: string[];
  /** Per-code severity overrides; `off` drops the code. */
  severity?: Record<string, Severity | 'off'>;
  /** Called when a rule throws: the rule loses its findings, the others are kept. */
  onRuleError?: (rule: Rule, error: unknown) => void;
  /** Bounds on parsing; past them `analyze` throws a ParseCancelledError instead of hanging. */
  limits?: ParseLimits;
  /** Files other than this one (config bases, registered modules); absent: the disk around `path`. */
  workspace?: Workspace;
  /** Rules run besides the registry (tests); they take part in cross-file links too. */
  extraRules?: readonly Rule[];
  /** Run only the rules of this kind. */
  kind?: Rule['kind'];
  /** Skip the parse when the text names nothing a rule looks at (prefilter.ts); default true. */
  prefilter?: boolean;
}

const matches = (code: string, patterns: string[]) => patterns.some((p) => p === 'ALL' || code.startsWith(p.toUpperCase()));

/** Whether a rule runs under these options. */
export function isEnabled(code: string, options: AnalyzeOptions): boolean {
  if (options.select?.length && !matches(code, options.select)) return false;
  if (options.ignore?.length && matches(code, options.ignore)) return false;
  return options.severity?.[code] !== 'off';
}

/** Analyses an already parsed tree (the caller keeps ownership of the tree). */
export function analyzeTree(rawSource: string, tree: Tree, options: AnalyzeOptions = {}): Finding[] {
  return analyzeSyntax(rawSource, toSyntax(tree, normalizeLineBreaks(rawSource)), options);
}

/** Analyses the syntax tree of a text (`toSyntax`, `parseSyntax`, `IncrementalSource.currentSyntax`). */
export function analyzeSyntax(rawSource: string, root: SyntaxNode, options: AnalyzeOptions = {}): Finding[] {
  // Rules see the text the tree was parsed from: a lone \r is a line break there (same offsets).
  const source = normalizeLineBreaks(rawSource);
  const suppressions = readSuppressions(root, source);
  if (suppressions.file) return [];
  const codeFindings = (file: string, text: string) => codeFindingsOf(file, text, options);
  const ctx: RuleContext = {
    source,
    root,
    imports: collectImports(root, source),
    path: options.path,
    workspace: options.workspace,
    codeFindings,
  };
  const findings: Finding[] = [];
  for (const rule of [...allRules, ...(options.extraRules ?? [])]) {
    if (!isEnabled(rule.code, options) || (options.kind && rule.kind !== options.kind)) continue;
    let found: Finding[];
    try {
      found = rule.check(ctx);
    } catch (error) {
      options.onRuleError?.(rule, error);
      continue;
    }
    const severity = options.severity?.[rule.code];
    for (const finding of found) {
      if (isSuppressed(suppressions, finding.code, finding.range.start.line)) continue;
      // Rules may hand out findings they cache: stamp a copy, never the finding itself.
      findings.push(severity && severity !== 'off' ? { ...finding, severity } : finding);
    }
  }
  // not for the code findings config rules ask for themselves: that would walk the configs again
  if (!options.kind) linkToConfigs(findings, ctx);
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Code findings that break under autocast point back at the configs that build their class with AMP on. */
function linkToConfigs(findings: Finding[], ctx: RuleContext): void {
  if (!ctx.path) return;
  for (const [i, finding] of findings.entries()) {
    const className = finding.detail?.className;
    if (!className || !finding.detail?.regimes?.includes('autocast')) continue;
    const workspace = workspaceOf(ctx);
    if (!workspace) return;
    const configs = configsReaching(path.resolve(ctx.path), className, workspace);
    if (configs.length) findings[i] = { ...finding, related: [...(finding.related ?? []), ...configs] };
  }
}

/**
 * The text prefilter under these options: config words count only in a file the config rules will
 * read (they need a path and run on configs only), code words only when a code rule runs.
 */
export function mayHaveFindingsFor(source: string, options: AnalyzeOptions = {}): boolean {
  const runs = (kind: Rule['kind']) =>
    (!options.kind || options.kind === kind) &&
    [...allRules, ...(options.extraRules ?? [])].some((r) => r.kind === kind && isEnabled(r.code, options));
  // Without a workspace the config rules guess one around the file (config/state.ts) whose config
  // set is never larger than what the path alone says here.
  const config = runs('config') && !!options.path && isConfigFile(options.path, source, options.workspace);
  return mayHaveFindings(source, { config, code: runs('code') });
}

/** Parses and analyses a source text; the tree is freed before returning. */
export function analyze(source: string, options: AnalyzeOptions = {}): Finding[] {
  if (options.prefilter !== false && !mayHaveFindingsFor(source, options)) return [];
  return analyzeSyntax(source, parseSyntax(source, options.limits), options);
}

/** Keyed by file; the digest, not the text, tells whether the file changed (the texts would weigh megabytes). */
const codeCache = new Map<string, { digest: string; findings: Finding[] }>();
const CODE_CACHE_LIMIT = 300;

/** The code-rule findings of another file (all code rules, whatever this run selects), cached by text. */
export function codeFindingsOf(file: string, text: string, options: AnalyzeOptions = {}): Finding[] {
  const extra = options.extraRules?.map((r) => r.code).join(',') ?? '';
  const key = `${file}\0${extra}`;
  const digest = digestOf(text);
  const hit = codeCache.get(key);
  if (hit?.digest === digest) return hit.findings;
  const findings = analyze(text, { path: file, kind: 'code', workspace: options.workspace, extraRules: options.extraRules });
  codeCache.set(key, { digest, findings });
  if (codeCache.size > CODE_CACHE_LIMIT) codeCache.delete(codeCache.keys().next().value!);
  return findings;
}
