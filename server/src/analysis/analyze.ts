/** The entry point of the core: parse a file, run the rules, keep what settings and `# noqa` allow. */
import type { Tree } from 'web-tree-sitter';
import path from 'node:path';
import { configsReaching } from './config/reverse';
import { digestOf } from './digest';
import { workspaceOf } from './config/state';
import type { Workspace } from './fileAccess';
import { collectImports } from './imports';
import { isSuppressed, readSuppressions } from './noqa';
import { normalizeLineBreaks, type ParseLimits } from './treeSitter';
import { isConfigFile } from './config/isConfig';
import { mayHaveFindings } from './prefilter';
import type { Rule, RuleContext } from './rule';
import { parseSyntax } from './pieces';
import { toSyntax, type SyntaxNode } from './syntax';
import { rules as allRules } from './rules/index';
import { transientSession, type AnalysisSession } from './session';
import type { Finding, Related, Severity } from './types';

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
  /** Called when the dtype model throws: DG101–DG107 find nothing in the file, the other rules run. */
  onModelError?: (error: unknown) => void;
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
  /** The parser and what is remembered between analyses; absent: a session for this call only. */
  session?: AnalysisSession;
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
  return analyzeSyntax(toSyntax(tree, normalizeLineBreaks(rawSource)), options);
}

/**
 * Analyses the syntax tree of a text (`toSyntax`, `parseSyntax`, `IncrementalSource.currentSyntax`).
 * Rules see the text the tree was parsed from (a lone `\r` is a line break there, at the same
 * offset); the whole string of an edited document is joined only if a rule asks for it.
 */
export function analyzeSyntax(root: SyntaxNode, options: AnalyzeOptions = {}): Finding[] {
  const suppressions = readSuppressions(root);
  if (suppressions.file) return [];
  const session = options.session ?? transientSession();
  const codeFindings = (file: string, text: string) => codeFindingsOf(file, text, { ...options, session });
  const ctx: RuleContext = {
    session,
    get source() {
      return root.source.text;
    },
    root,
    imports: collectImports(root),
    path: options.path,
    workspace: options.workspace,
    codeFindings,
    onModelError: options.onModelError,
  };
  const found: Finding[] = [];
  for (const rule of [...allRules, ...(options.extraRules ?? [])]) {
    if (!isEnabled(rule.code, options) || (options.kind && rule.kind !== options.kind)) continue;
    try {
      for (const finding of rule.check(ctx))
        if (!isSuppressed(suppressions, finding.code, finding.range.start.line)) found.push(finding);
    } catch (error) {
      options.onRuleError?.(rule, error);
    }
  }
  // not for the code findings config rules ask for themselves: that would walk the configs again
  const related = options.kind ? undefined : configLinks(found, ctx);
  return found
    .map((finding, i) => stamped(finding, options.severity?.[finding.code], related?.[i]))
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/**
 * The one place a finding gets its severity override and cross-file links: on a copy, since
 * findings may be kept by the rule or the caller (the next analysis must not see this one's).
 */
function stamped(finding: Finding, severity: Severity | 'off' | undefined, related: Related[] | undefined): Finding {
  if ((!severity || severity === 'off') && !related?.length) return finding;
  return {
    ...finding,
    ...(severity && severity !== 'off' ? { severity } : {}),
    ...(related?.length ? { related: [...(finding.related ?? []), ...related] } : {}),
  };
}

/** Per finding, the configs that build its class with AMP on, for a code finding that breaks under autocast. */
function configLinks(findings: Finding[], ctx: RuleContext): (Related[] | undefined)[] | undefined {
  if (!ctx.path) return undefined;
  const links: (Related[] | undefined)[] = [];
  for (const finding of findings) {
    const className = finding.detail?.className;
    if (!className || !finding.detail?.regimes?.includes('autocast')) {
      links.push(undefined);
      continue;
    }
    const workspace = workspaceOf(ctx);
    if (!workspace) return links;
    links.push(configsReaching(path.resolve(ctx.path), className, workspace, ctx.session));
  }
  return links;
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
  const session = options.session ?? transientSession();
  return analyzeSyntax(parseSyntax(source, options.limits, session.parser), { ...options, session });
}

/** Files whose code findings a session keeps; the digest, not the text, tells whether a file changed (texts would weigh megabytes). */
const CODE_CACHE_LIMIT = 300;

/** The code-rule findings of another file (all code rules, whatever this run selects), cached by text. */
export function codeFindingsOf(file: string, text: string, options: AnalyzeOptions = {}): Finding[] {
  const extra = options.extraRules?.map((r) => r.code).join(',') ?? '';
  const key = `${file}\0${extra}`;
  const digest = digestOf(text);
  const session = options.session ?? transientSession();
  const codeCache = session.codeFindings;
  const hit = codeCache.get(key);
  if (hit?.digest === digest) return hit.findings;
  const findings = analyze(text, {
    path: file,
    kind: 'code',
    workspace: options.workspace,
    extraRules: options.extraRules,
    session,
  });
  codeCache.set(key, { digest, findings });
  if (codeCache.size > CODE_CACHE_LIMIT) codeCache.delete(codeCache.keys().next().value!);
  return findings;
}
