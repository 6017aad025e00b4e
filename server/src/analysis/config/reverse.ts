/**
 * The way back from a module to the configs that build it with AMP on: a code finding that breaks
 * under autocast gets related information pointing at each such config (the other half of DG203's
 * links). Bounded: at most MAX_CONFIGS configs are looked at, each resolution is cached.
 */
import type { Related } from '../types';
import { effectiveConfig, type EffectiveConfig } from './effective';
import { isConfigFile } from './isConfig';
import { reachableClasses } from './modules';
import { registryOf } from './registry';
import { modelLinks } from './risk';
import { ampSources } from './amp';
import type { ConfigState } from './state';
import type { Workspace } from './workspace';

const MAX_CONFIGS = 500;

interface Reach {
  config: EffectiveConfig;
  parses: number;
  /** `file#Class` → where the config names the type that reaches it. */
  reached: Map<string, Related>;
}

const caches = new WeakMap<Workspace, Map<string, Reach>>();

/** Configs with AMP on whose model reaches `className` in `file`. */
export function configsReaching(file: string, className: string, workspace: Workspace): Related[] {
  let cache = caches.get(workspace);
  if (!cache) {
    cache = new Map();
    caches.set(workspace, cache);
  }
  const registry = registryOf(workspace);
  const out: Related[] = [];
  let looked = 0;
  for (const candidate of workspace.pythonFiles?.() ?? []) {
    if (candidate === file) continue;
    const text = workspace.readFile(candidate);
    if (text === undefined || !isConfigFile(candidate, text, workspace)) continue;
    if (++looked > MAX_CONFIGS) break;
    const config = effectiveConfig(candidate, text, workspace);
    let reach = cache.get(candidate);
    if (!reach || reach.config !== config || reach.parses !== registry.stats().parses) {
      reach = { config, parses: registry.stats().parses, reached: reachedBy(config, workspace) };
      cache.set(candidate, reach);
    }
    const hit = reach.reached.get(`${file}#${className}`);
    if (hit) out.push(hit);
  }
  return out;
}

function reachedBy(config: EffectiveConfig, workspace: Workspace): Map<string, Related> {
  const reached = new Map<string, Related>();
  const amp = ampSources(config.values);
  if (!amp.length) return reached;
  const state: ConfigState = { file: config.file, workspace, config, amp };
  const registry = registryOf(workspace);
  for (const link of modelLinks(state, undefined)) {
    if (!link.resolved) continue;
    for (const cls of reachableClasses(link.resolved.file, link.resolved.className, workspace, registry)) {
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
