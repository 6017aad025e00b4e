/** Resolves the names a module imports, so `F.conv2d`, `conv2d` and `torch.nn.functional.conv2d` are one op. */
import type { SyntaxNode as Node } from './syntax';
import { isWordChar } from './nodeHelpers';
import { pieceShift, pieceText } from './syntax';

/** The keywords that start an import statement; where they stand is checked by `startsStatement`. */
const IMPORT_KEYWORD = /import|from/g;

/** Local name → fully qualified dotted name, from the file's top-level and nested imports. */
export type ImportMap = Map<string, string>;

/** The imports of each top-level statement, kept with the statement (derived from the node alone, gone with it). */
const unitImports = new WeakMap<Node, [string, string][]>();

/**
 * Found by text (the keywords at a statement start) and confirmed by the tree, so a large file is
 * not walked; each top-level statement is searched once and its imports kept with it.
 */
export function collectImports(root: Node): ImportMap {
  const map: ImportMap = new Map();
  const units = root.type === 'module' ? root.children : [root];
  for (const unit of units) {
    let found = unitImports.get(unit);
    if (!found) {
      // Only the statement's own text is searched: after an edit, one statement is new, not the file.
      found = importsIn(unit, pieceText(unit), pieceShift(unit));
      unitImports.set(unit, found);
    }
    for (const [local, target] of found) map.set(local, target);
  }
  return map;
}

/** Where `import` and `from` start between two offsets of the text, in order (one occurrence never starts inside another). */
function keywordsIn(source: string, start: number, end: number): number[] {
  const at: number[] = [];
  IMPORT_KEYWORD.lastIndex = start;
  for (let m = IMPORT_KEYWORD.exec(source); m && m.index < end; m = IMPORT_KEYWORD.exec(source)) at.push(m.index);
  return at;
}

/** The imports of a statement, searched in `source`, the text its offsets less `shift` index. */
function importsIn(unit: Node, source: string, shift: number): [string, string][] {
  const map: ImportMap = new Map();
  const found: [string, string][] = [];
  const start = unit.startIndex - shift;
  const end = unit.endIndex - shift;
  for (const at of keywordsIn(source, start, end)) {
    const after = at + (source.charCodeAt(at) === 0x69 ? 6 : 4); // `import` or `from`
    // As a whole word of the statement's text, where a statement can start.
    if (after > end || (after < end && isWordChar(source.charCodeAt(after))) || !startsStatement(source, at, start)) continue;
    // The keyword is not a node of its own: the statement it starts is the smallest node there.
    const statement = unit.descendantForIndex(at + shift);
    if (statement.startIndex !== at + shift) continue;
    map.clear();
    if (statement.type === 'import_statement') addImport(statement, map);
    else if (statement.type === 'import_from_statement') addFromImport(statement, map);
    found.push(...map);
  }
  return found;
}

/**
 * Whether a keyword at `at` stands where a statement can start: after only spaces and tabs on its
 * line, or after `;` or a compound statement's `:`. The statement's own start (`start`) counts as a
 * line start, whatever precedes it.
 */
function startsStatement(source: string, at: number, start: number): boolean {
  let i = at;
  while (i > start) {
    const c = source.charCodeAt(i - 1);
    if (c === 0x20 || c === 0x09) i--;
    else return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029 || c === 0x3b || c === 0x3a;
  }
  return true;
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
  // Every spelling rewritten below starts so: most names are kept as they are.
  if (!name.startsWith('torch.')) return name;
  const m = name.startsWith('torch.nn.modules.') ? /^torch\.nn\.modules\.\w+\.(\w+)$/.exec(name) : null;
  if (m && !m[1]!.startsWith('_')) return `torch.nn.${m[1]}`;
  if (name.startsWith('torch.nn.parameter.')) return `torch.nn.${name.slice('torch.nn.parameter.'.length)}`;
  if (name.startsWith('torch.autograd.function.')) return `torch.autograd.${name.slice('torch.autograd.function.'.length)}`;
  if (!name.startsWith('torch.amp.autocast_mode.') && !name.startsWith('torch.cuda.amp.autocast_mode.')) return name;
  return name.replace(/^torch\.(cuda\.)?amp\.autocast_mode\./, 'torch.$1amp.');
}
