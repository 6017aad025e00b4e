/**
 * The way back from a module to the configs that build it with AMP on: a code finding that breaks
 * under autocast gets related information pointing at each such config (the other half of DG203's
 * links). Bounded: at most MAX_CONFIGS configs are looked at.
 */
import type { Related } from '../types';
import { effectiveConfig, type EffectiveConfig } from './effective';
import { isConfigFile } from './isConfig';
import { reachableClasses } from './modules';
import { registryOf } from './registry';
import { modelLinks } from './risk';
import { ampSources } from './amp';
import type { ConfigState } from './state';
import type { Workspace } from '../fileAccess';
import type { AnalysisSession } from '../session';

const MAX_CONFIGS = 2000;

export interface ReverseIndex {
  generation: number;
  parses: number;
  /** `file#Class` → the configs (with AMP on) whose model reaches that class. */
  links: Map<string, Related[]>;
}

/**
 * Configs with AMP on whose model reaches `className` in `file`. The index over every config is
 * built once and rebuilt only after an invalidation (a file changed) or a registry change.
 */
export function configsReaching(file: string, className: string, workspace: Workspace, session: AnalysisSession): Related[] {
  const registry = registryOf(workspace, session);
  registry.lookup('');
  let index = session.reverse.get(workspace);
  if (!index || index.generation !== session.generation || index.parses !== registry.stats().parses) {
    index = { generation: session.generation, parses: registry.stats().parses, links: build(workspace, session) };
    session.reverse.set(workspace, index);
  }
  return index.links.get(`${file}#${className}`) ?? [];
}

function build(workspace: Workspace, session: AnalysisSession): Map<string, Related[]> {
  const links = new Map<string, Related[]>();
  let looked = 0;
  for (const candidate of workspace.pythonFiles?.() ?? []) {
    const text = workspace.readFile(candidate);
    if (text === undefined || !isConfigFile(candidate, text, workspace)) continue;
    if (++looked > MAX_CONFIGS) break;
    for (const [key, related] of reachedBy(effectiveConfig(candidate, text, workspace, { session }), workspace, session)) {
      const list = links.get(key) ?? [];
      list.push(related);
      links.set(key, list);
    }
  }
  return links;
}

function reachedBy(config: EffectiveConfig, workspace: Workspace, session: AnalysisSession): Map<string, Related> {
  const reached = new Map<string, Related>();
  const amp = ampSources(config.values);
  if (!amp.length) return reached;
  const state: ConfigState = { session, file: config.file, workspace, config, amp };
  const registry = registryOf(workspace, session);
  for (const link of modelLinks(state, undefined)) {
    if (!link.resolved) continue;
    for (const cls of reachableClasses(link.resolved.file, link.resolved.className, workspace, registry, session)) {
      const key = `${cls.file}#${cls.className}`;
      if (reached.has(key)) continue;
      reached.set(key, {
        file: config.file,
        range:
          amp[0]!.value.origin.file === config.file
            ? amp[0]!.value.origin.range
            : (config.declaration?.statement ?? link.type.origin.range),
        message: `built with AMP on (${amp[0]!.label}) by this config: model.${[...link.keys, 'type'].join('.')}='${link.name}'`,
      });
    }
  }
  return reached;
}
