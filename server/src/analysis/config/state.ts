/** The config view of the file being analysed, computed once per analysis and shared by the config rules. */
import path from 'node:path';
import type { RuleContext } from '../rule';
import type { AnalysisSession } from '../session';
import { ampSources, type AmpSource } from './amp';
import { effectiveConfig, type EffectiveConfig } from './effective';
import { guessRoot, isConfigFile } from './isConfig';
import { findSitePackages } from './sitePackages';
import { diskWorkspace, type Workspace } from '../fileAccess';

export interface ConfigState {
  session: AnalysisSession;
  file: string;
  workspace: Workspace;
  config: EffectiveConfig;
  amp: AmpSource[];
}

/** What the config view needs from a rule context (hover and definition build one of their own). */
export type ConfigInput = Pick<RuleContext, 'source' | 'path' | 'workspace' | 'session'> & Partial<Pick<RuleContext, 'root'>>;

/** The workspace of a context: the one given, else the disk around the file's project. */
export function workspaceOf(ctx: ConfigInput): Workspace | undefined {
  if (ctx.workspace) return ctx.workspace;
  if (!ctx.path) return undefined;
  const root = guessRoot(ctx.path);
  const defaultWorkspaces = ctx.session.defaultWorkspaces;
  let ws = defaultWorkspaces.get(root);
  if (!ws) {
    ws = diskWorkspace([root], { sitePackages: findSitePackages([root]), memo: ctx.session });
    if (defaultWorkspaces.size > 20) defaultWorkspaces.clear();
    defaultWorkspaces.set(root, ws);
  }
  return ws;
}

/** The effective config and AMP sources of the analysed file, or null when it is not a config. */
export function configState(ctx: ConfigInput): ConfigState | null {
  const states = ctx.session.configStates;
  const known = states.get(ctx);
  if (known !== undefined) return known;
  const workspace = workspaceOf(ctx);
  let state: ConfigState | null = null;
  // Whether it is a config is read from the tree's text by its parts: the whole text is joined only for a config.
  if (ctx.path && workspace && isConfigFile(ctx.path, ctx.root?.source ?? ctx.source, workspace)) {
    const file = path.resolve(ctx.path);
    const config = effectiveConfig(file, ctx.source, workspace, { session: ctx.session });
    state = { session: ctx.session, file, workspace, config, amp: ampSources(config.values) };
  }
  states.set(ctx, state);
  return state;
}
