/**
 * The classes of a workspace file and what each refers to, and the walk from a registered class
 * through the classes it builds (submodules, base classes, registered names in strings).
 */
import path from 'node:path';
import type { SyntaxNode as Node } from '../syntax';
import { collectImports } from '../imports';
import { rangeOf, walkAll } from '../nodeHelpers';
import type { Range } from '../types';
import { stringText } from './evaluate';
import type { RegistryIndex } from './registry';
import { isInside, type Workspace } from '../fileAccess';
import type { AnalysisSession } from '../session';

interface ClassSummary {
  range: Range;
  /** Names used in the class (calls, bases, attributes' heads). */
  names: Set<string>;
  /** String literals in the class (registered names such as `dict(type='MyConv')`). */
  strings: Set<string>;
}

export interface FileSummary {
  text: string;
  classes: Map<string, ClassSummary>;
  /** Local name → `[module, dots]` of the import that binds it. */
  imports: Map<string, { module: string; name: string }>;
}

const SUMMARY_LIMIT = 500;

/** The classes and imports of a file, kept by the session while its text is the same. */
export function summarize(file: string, text: string, session: AnalysisSession): FileSummary {
  const summaries = session.summaries;
  const known = summaries.get(file);
  if (known?.text === text) return known;
  const root = session.parseSyntax(text);
  const classes = new Map<string, ClassSummary>();
  for (const node of root.namedChildren) {
    const definition = node?.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
    if (definition?.type !== 'class_definition') continue;
    classes.set(definition.childForFieldName('name')?.text ?? '', classSummary(definition));
  }
  const imports = new Map<string, { module: string; name: string }>();
  for (const [local, qualified] of collectImports(root)) {
    const dot = qualified.lastIndexOf('.');
    imports.set(local, {
      module: dot > 0 ? qualified.slice(0, dot) : qualified,
      name: dot > 0 ? qualified.slice(dot + 1) : qualified,
    });
  }
  for (const [local, target] of relativeImports(root)) imports.set(local, target);
  const summary = { text, classes, imports };
  summaries.set(file, summary);
  if (summaries.size > SUMMARY_LIMIT) summaries.delete(summaries.keys().next().value!);
  return summary;
}

function classSummary(definition: Node): ClassSummary {
  const names = new Set<string>();
  const strings = new Set<string>();
  walkAll(definition, (node) => {
    if (node.type === 'identifier') names.add(node.text);
    else if (node.type === 'string') {
      const text = stringText(node);
      if (text && /^[A-Za-z_][\w.]*$/.test(text)) strings.add(text);
    }
  });
  return { range: rangeOf(definition), names, strings };
}

/** `from .conv import MyConv` / `from ..ops import X as Y`: the imports collectImports leaves out. */
function relativeImports(root: Node): Map<string, { module: string; name: string }> {
  const out = new Map<string, { module: string; name: string }>();
  walkAll(root, (node) => {
    if (node.type !== 'import_from_statement') return;
    const module = node.childForFieldName('module_name')?.text;
    if (!module?.startsWith('.')) return;
    for (const item of node.childrenForFieldName('name')) {
      if (item?.type === 'dotted_name') out.set(item.text, { module, name: item.text });
      else if (item?.type === 'aliased_import') {
        const name = item.childForFieldName('name')?.text;
        const alias = item.childForFieldName('alias')?.text;
        if (name && alias) out.set(alias, { module, name });
      }
    }
  });
  return out;
}

/** The workspace file of a module (`models.conv`, `.conv`, `..ops`), if there is one; remembered per generation. */
export function moduleFile(module: string, fromFile: string, workspace: Workspace, session: AnalysisSession): string | undefined {
  let memo = session.moduleFiles.get(workspace);
  if (!memo || memo.generation !== session.generation) {
    memo = { generation: session.generation, map: new Map() };
    session.moduleFiles.set(workspace, memo);
  }
  const key = `${module}\0${path.dirname(fromFile)}`;
  if (!memo.map.has(key)) memo.map.set(key, findModuleFile(module, fromFile, workspace));
  return memo.map.get(key);
}

function findModuleFile(module: string, fromFile: string, workspace: Workspace): string | undefined {
  const dots = /^\.*/.exec(module)![0].length;
  const parts = module.slice(dots).split('.').filter(Boolean);
  const bases: string[] = [];
  if (dots > 0) {
    let dir = path.dirname(fromFile);
    for (let i = 1; i < dots; i++) dir = path.dirname(dir);
    bases.push(dir);
  } else {
    // an absolute module is importable from the folder training runs in: one of the config's
    // ancestors (the project that holds it), then the workspace roots
    for (let dir = path.dirname(fromFile); isInside(dir, workspace.roots); dir = path.dirname(dir)) {
      bases.push(dir);
      if (path.dirname(dir) === dir) break;
    }
    bases.push(...workspace.roots);
  }
  for (const base of bases) {
    for (const candidate of [path.join(base, ...parts) + '.py', path.join(base, ...parts, '__init__.py')]) {
      if (workspace.readFile(candidate) !== undefined) return candidate;
    }
  }
  return undefined;
}

export interface ReachedClass {
  className: string;
  file: string;
  range: Range;
  /** How the walk got here: the class names from the registered class down. */
  path: string[];
}

const MAX_CLASSES = 60;

/** The classes reachable from `className` in `file` within the workspace (the class itself first). */
export function reachableClasses(
  file: string,
  className: string,
  workspace: Workspace,
  registry: RegistryIndex,
  session: AnalysisSession,
): ReachedClass[] {
  const out: ReachedClass[] = [];
  const seen = new Set<string>();
  const queue: { file: string; name: string; path: string[]; hops: number }[] = [
    { file, name: className, path: [className], hops: 0 },
  ];
  while (queue.length && out.length < MAX_CLASSES) {
    const item = queue.shift()!;
    const key = `${item.file}#${item.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const text = workspace.readFile(item.file);
    if (text === undefined) continue;
    const summary = summarize(item.file, text, session);
    const cls = summary.classes.get(item.name);
    if (!cls) {
      // re-exported (`from .conv import MyConv` in an __init__.py): follow the import a few hops
      const target = summary.imports.get(item.name);
      const next = target && item.hops < 4 ? moduleFile(target.module, item.file, workspace, session) : undefined;
      if (next) queue.push({ file: next, name: target!.name, path: item.path, hops: item.hops + 1 });
      continue;
    }
    out.push({ className: item.name, file: item.file, range: cls.range, path: item.path });
    for (const name of cls.names) {
      if (name === item.name) continue;
      if (summary.classes.has(name)) queue.push({ file: item.file, name, path: [...item.path, name], hops: 0 });
      const target = summary.imports.get(name);
      const next = target ? moduleFile(target.module, item.file, workspace, session) : undefined;
      if (next) queue.push({ file: next, name: target!.name, path: [...item.path, name], hops: 0 });
    }
    for (const name of cls.strings) {
      for (const reg of registry.lookup(name).slice(0, 1))
        queue.push({ file: reg.file, name: reg.className, path: [...item.path, name], hops: 0 });
    }
  }
  return out;
}
