/** The shape of a rule and the context every rule receives. */
import type { Node, Tree } from 'web-tree-sitter';
import type { ImportMap } from './imports';
import type { Finding, Severity } from './types';

export interface RuleContext {
  source: string;
  tree: Tree;
  root: Node;
  imports: ImportMap;
  /** Absolute path of the file, when it has one. */
  path?: string;
}

export interface Rule {
  code: string;
  name: string;
  defaultSeverity: Severity;
  /** One line: what the rule finds. */
  summary: string;
  kind: 'code' | 'config';
  check(ctx: RuleContext): Finding[];
}
