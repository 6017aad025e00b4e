/** The shape of a rule and the context every rule receives. */
import type { SyntaxNode } from './syntax';
import type { Workspace } from './fileAccess';
import type { AnalysisSession } from './session';
import type { ImportMap } from './imports';
import type { Finding, Severity } from './types';

export interface RuleContext {
  /** The analysis session: its parser and what it remembers between analyses. */
  session: AnalysisSession;
  /**
   * The whole text. An edited document's is joined when first read, a copy of the file: what runs
   * at every keystroke searches `root.source` by its parts instead (`SourceText.some`).
   */
  readonly source: string;
  /** The file's syntax tree (JS objects: free to keep, cheap to walk). */
  root: SyntaxNode;
  imports: ImportMap;
  /** Absolute path of the file, when it has one. */
  path?: string;
  /** Where the config rules read bases and registered modules; absent: the disk around the file. */
  workspace?: Workspace;
  /** The code-rule findings of another file (config rules link a config to the modules it builds). */
  codeFindings?: (file: string, source: string) => Finding[];
  /** Told when the dtype model throws: the DG1xx rules then find nothing in this file. */
  onModelError?: (error: unknown) => void;
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
