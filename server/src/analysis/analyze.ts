/** The entry point of the core: parse a file, run the rules, keep what settings and `# noqa` allow. */
import type { Tree } from 'web-tree-sitter';
import { collectImports } from './imports';
import { isSuppressed, readSuppressions } from './noqa';
import { parse } from './parser';
import { mayHaveFindings } from './prefilter';
import type { Rule, RuleContext } from './rule';
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
export function analyzeTree(source: string, tree: Tree, options: AnalyzeOptions = {}): Finding[] {
  const root = tree.rootNode;
  const suppressions = readSuppressions(root, source);
  if (suppressions.file) return [];
  const ctx: RuleContext = { source, tree, root, imports: collectImports(root, source), path: options.path };
  const findings: Finding[] = [];
  for (const rule of allRules) {
    if (!isEnabled(rule.code, options)) continue;
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
      if (severity && severity !== 'off') finding.severity = severity;
      findings.push(finding);
    }
  }
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Parses and analyses a source text; the tree is freed before returning. */
export function analyze(source: string, options: AnalyzeOptions = {}): Finding[] {
  if (options.prefilter !== false && !mayHaveFindings(source)) return [];
  const tree = parse(source);
  try {
    return analyzeTree(source, tree, options);
  } finally {
    tree.delete();
  }
}
