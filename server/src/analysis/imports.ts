/** Resolves the names a module imports, so `F.conv2d`, `conv2d` and `torch.nn.functional.conv2d` are one op. */
import type { Node } from 'web-tree-sitter';
import { nodesAtMatches } from './tree';

/** Where an import statement can start: a line's first word, or after `;` or a compound statement's `:`. */
const IMPORT_KEYWORD = /(?<=(?:^|[;:])[ \t]*)(?:import|from)\b/gm;

/** Local name → fully qualified dotted name, from the file's top-level and nested imports. */
export type ImportMap = Map<string, string>;

/** Found by text (the keywords at a statement start) and confirmed by the tree, so a large file is not walked. */
export function collectImports(root: Node, source: string = root.text): ImportMap {
  const map: ImportMap = new Map();
  for (const keyword of nodesAtMatches(root, source, IMPORT_KEYWORD)) {
    const statement = keyword.parent;
    if (!statement || statement.startIndex !== keyword.startIndex) continue;
    if (statement.type === 'import_statement') addImport(statement, map);
    else if (statement.type === 'import_from_statement') addFromImport(statement, map);
  }
  return map;
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
