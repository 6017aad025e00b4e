/** Resolves the names a module imports, so `F.conv2d`, `conv2d` and `torch.nn.functional.conv2d` are one op. */
import type { SyntaxNode as Node } from './syntax';

/** Where an import statement can start: a line's first word, or after `;` or a compound statement's `:`. */
const IMPORT_KEYWORD = /(?<=(?:^|[;:])[ \t]*)(?:import|from)\b/gm;

/** Local name → fully qualified dotted name, from the file's top-level and nested imports. */
export type ImportMap = Map<string, string>;

/** The imports of each top-level statement, kept with the statement. */
const unitImports = new WeakMap<Node, [string, string][]>();

/**
 * Found by text (the keywords at a statement start) and confirmed by the tree, so a large file is
 * not walked; each top-level statement is searched once and its imports kept with it.
 */
export function collectImports(root: Node, source: string = root.text): ImportMap {
  const map: ImportMap = new Map();
  const units = root.type === 'module' ? root.children : [root];
  for (const unit of units) {
    let found = unitImports.get(unit);
    if (!found) {
      found = importsIn(unit, source);
      unitImports.set(unit, found);
    }
    for (const [local, target] of found) map.set(local, target);
  }
  return map;
}

function importsIn(unit: Node, source: string): [string, string][] {
  const map: ImportMap = new Map();
  const found: [string, string][] = [];
  // The statement's own text: its start is a statement start, so `^` stands for what precedes it.
  const start = unit.startIndex;
  for (const m of source.slice(start, unit.endIndex).matchAll(IMPORT_KEYWORD)) {
    // The keyword is not a node of its own: the statement it starts is the smallest node there.
    const at = start + m.index;
    const statement = unit.descendantForIndex(at);
    if (statement.startIndex !== at) continue;
    map.clear();
    if (statement.type === 'import_statement') addImport(statement, map);
    else if (statement.type === 'import_from_statement') addFromImport(statement, map);
    found.push(...map);
  }
  return found;
}

function addImport(node: Node, map: ImportMap): void {
  for (const item of node.namedChildren) {
    if (!item) continue;
    if (item.type === 'dotted_name') {
      const first = item.text.split('.')[0]!;
      map.set(first, first);
    } else if (item.type === 'aliased_import') {
      const name = item.childForFieldName('name')?.text;
      const alias = item.childForFieldName('alias')?.text;
      if (name && alias) map.set(alias, name);
    }
  }
}

function addFromImport(node: Node, map: ImportMap): void {
  const module = node.childForFieldName('module_name')?.text;
  if (!module || module.startsWith('.')) return;
  for (const item of node.childrenForFieldName('name')) {
    if (!item) continue;
    if (item.type === 'dotted_name') map.set(item.text, `${module}.${item.text}`);
    else if (item.type === 'aliased_import') {
      const name = item.childForFieldName('name')?.text;
      const alias = item.childForFieldName('alias')?.text;
      if (name && alias) map.set(alias, `${module}.${name}`);
    }
  }
}

/** Rewrites the first segment of a dotted name through the imports (`F.conv2d` → `torch.nn.functional.conv2d`). */
export function qualify(dotted: string, imports: ImportMap): string {
  const dot = dotted.indexOf('.');
  const head = dot < 0 ? dotted : dotted.slice(0, dot);
  const target = imports.get(head);
  if (!target) return dotted;
  return canonical(dot < 0 ? target : target + dotted.slice(dot));
}

/**
 * One spelling per public name: `torch.nn.modules.conv.Conv2d` → `torch.nn.Conv2d`,
 * `torch.cuda.amp.autocast_mode.autocast` → `torch.cuda.amp.autocast`, `mmcv.ops.deform_conv.X` kept.
 */
export function canonical(name: string): string {
  const m = /^torch\.nn\.modules\.\w+\.(\w+)$/.exec(name);
  if (m && !m[1]!.startsWith('_')) return `torch.nn.${m[1]}`;
  if (name.startsWith('torch.nn.parameter.')) return `torch.nn.${name.slice('torch.nn.parameter.'.length)}`;
  if (name.startsWith('torch.autograd.function.')) return `torch.autograd.${name.slice('torch.autograd.function.'.length)}`;
  return name.replace(/^torch\.(cuda\.)?amp\.autocast_mode\./, 'torch.$1amp.');
}
