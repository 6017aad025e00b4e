/**
 * From a config's effective `model` to the workspace classes it builds, and the code findings in
 * them: those that break under autocast (what an AMP config runs) and those that break only under
 * `model.half()` (a deployment risk, shown in the hover).
 */
import type { Finding, Range } from '../types';
import { reachableClasses, moduleFile, type ReachedClass } from './modules';
import { registryOf, type RegisteredClass } from './registry';
import type { ConfigState } from './state';
import { typeName, valueAt, type ConfigValue } from './values';

export interface RiskyCall {
  finding: Finding;
  file: string;
  cls: ReachedClass;
}

export interface ModuleLink {
  /** The `type` value as written, with where. */
  type: ConfigValue;
  name: string;
  /** Key path inside `model` (`neck.conv_cfg`). */
  keys: string[];
  resolved?: RegisteredClass;
  /** Calls that break under autocast. */
  autocast: RiskyCall[];
  /** Calls that break only when the model is cast with `.half()`. */
  halfOnly: RiskyCall[];
}

export type CodeFindings = (file: string, text: string) => Finding[];

/** Every `type=` in the effective model, each resolved to a registered workspace class when possible. */
export function modelLinks(state: ConfigState, codeFindings: CodeFindings | undefined): ModuleLink[] {
  const model = state.config.values.entries.get('model');
  if (!model) return [];
  const registry = registryOf(state.workspace, state.session);
  const preferred = customImportFiles(state);
  const links: ModuleLink[] = [];
  for (const { type, keys } of typeValues(model, [])) {
    const name = typeName(type);
    if (!name) continue;
    const resolved = registry.lookup(name.split('.').pop()!, (f) => preferred.has(f), state.file)[0];
    const link: ModuleLink = { type, name, keys, resolved, autocast: [], halfOnly: [] };
    if (resolved && codeFindings) collectRisks(link, resolved, state, codeFindings);
    links.push(link);
  }
  return links;
}

function typeValues(value: ConfigValue, keys: string[]): { type: ConfigValue; keys: string[] }[] {
  const out: { type: ConfigValue; keys: string[] }[] = [];
  if (value.kind === 'dict') {
    const type = value.entries.get('type');
    if (type) out.push({ type, keys });
    for (const [k, v] of value.entries) if (k !== 'type') out.push(...typeValues(v, [...keys, k]));
  } else if (value.kind === 'list') {
    value.items.forEach((item, i) => out.push(...typeValues(item, [...keys, String(i)])));
  }
  return out;
}

/** Files named by `custom_imports = dict(imports=[...])`: their registrations win over others. */
export function customImportFiles(state: ConfigState): Set<string> {
  const files = new Set<string>();
  const imports = valueAt(state.config.values, ['custom_imports', 'imports']);
  const items = imports?.kind === 'list' ? imports.items : imports ? [imports] : [];
  for (const item of items) {
    if (item.kind !== 'str') continue;
    const file = moduleFile(item.value, state.file, state.workspace, state.session);
    if (file) files.add(file);
  }
  return files;
}

function collectRisks(link: ModuleLink, start: RegisteredClass, state: ConfigState, codeFindings: CodeFindings): void {
  for (const cls of reachableClasses(
    start.file,
    start.className,
    state.workspace,
    registryOf(state.workspace, state.session),
    state.session,
  )) {
    const text = state.workspace.readFile(cls.file);
    if (text === undefined) continue;
    for (const finding of codeFindings(cls.file, text)) {
      if (!inside(finding.range, cls.range) && finding.detail?.className !== cls.className) continue;
      const regimes = finding.detail?.regimes ?? (finding.detail?.regime ? [finding.detail.regime] : []);
      const call = { finding, file: cls.file, cls };
      if (regimes.includes('autocast')) link.autocast.push(call);
      else if (regimes.includes('half')) link.halfOnly.push(call);
    }
  }
}

function inside(inner: Range, outer: Range): boolean {
  const after = (a: Range['start'], b: Range['start']) => a.line > b.line || (a.line === b.line && a.character >= b.character);
  return after(inner.start, outer.start) && after(outer.end, inner.end);
}
