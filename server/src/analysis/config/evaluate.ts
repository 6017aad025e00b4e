/**
 * Reads a config file's top-level statements as values, statically: assignments, `dict(...)`
 * merges, `_base_.x.y = ...` edits of the inherited config, `{{_base_.x}}` and lazy-import classes.
 */
import type { SyntaxNode as Node } from '../syntax';
import { collectImports, type ImportMap } from '../imports';
import { rangeOf } from '../nodeHelpers';
import type { Range } from '../types';
import { cloneValue, valueAt, type ConfigValue, type DictValue, type Origin } from './values';

/** One `_base_` entry: the text written and where. */
export interface BaseRef {
  text: string;
  /** The string (or import) naming the base. */
  range: Range;
}

export interface BaseDeclaration {
  refs: BaseRef[];
  /** The whole `_base_ = ...` statement (or `with read_base():` block). */
  statement: Range;
  /** `with read_base(): from .x import *` (lazy-import configs): plain Python, no merge. */
  lazy: boolean;
}

export interface FileValues {
  /** The file's own top-level values (merged into the base in the classic style). */
  values: DictValue;
  /** The base after `_base_.a.b = v` edits made by this file. */
  base: DictValue | undefined;
  /** Top-level name → every statement assigning it, in order (fixes need to know what follows). */
  statements: Map<string, Range[]>;
}

const BASE = '_base_';

/** Finds `_base_ = '...'`/`[...]` or a `with read_base():` block of relative imports. */
export function readBaseDeclaration(root: Node): BaseDeclaration | undefined {
  let found: BaseDeclaration | undefined;
  for (const statement of root.namedChildren) {
    if (!statement) continue;
    const assignment = statement.type === 'expression_statement' ? statement.firstNamedChild : null;
    if (assignment?.type === 'assignment' && assignment.childForFieldName('left')?.text === BASE) {
      const right = assignment.childForFieldName('right');
      const items = right && (right.type === 'list' || right.type === 'tuple') ? right.namedChildren : [right];
      const refs = items
        .filter((n): n is Node => n?.type === 'string')
        .map((n) => ({ text: stringText(n) ?? '', range: rangeOf(n) }));
      found = { refs, statement: rangeOf(statement), lazy: false };
    } else if (statement.type === 'with_statement' && isReadBase(statement)) {
      const refs: BaseRef[] = [];
      for (const inner of statement.childForFieldName('body')?.namedChildren ?? []) {
        const module = inner?.type === 'import_from_statement' ? inner.childForFieldName('module_name') : null;
        if (module) refs.push({ text: module.text, range: rangeOf(module) });
      }
      found = { refs, statement: rangeOf(statement), lazy: true };
    }
  }
  return found;
}

function isReadBase(statement: Node): boolean {
  const clause = statement.namedChildren.find((c) => c?.type === 'with_clause');
  return !!clause && /\bread_base\s*\(/.test(clause.text);
}

/** The content of a plain string literal; undefined for f-strings. */
export function stringText(node: Node): string | undefined {
  if (node.type === 'concatenated_string') {
    const parts = node.namedChildren.map((c) => (c ? stringText(c) : undefined));
    return parts.some((p) => p === undefined) ? undefined : parts.join('');
  }
  if (node.type !== 'string') return undefined;
  if (node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  return node.namedChildren
    .filter((c) => c?.type === 'string_content' || c?.type === 'escape_sequence')
    .map((c) => (c!.type === 'escape_sequence' ? unescape(c!.text) : c!.text))
    .join('');
}

function unescape(text: string): string {
  const simple: Record<string, string> = { '\\n': '\n', '\\t': '\t', "\\'": "'", '\\"': '"', '\\\\': '\\' };
  return simple[text] ?? text;
}

class Evaluator {
  readonly locals = new Map<string, ConfigValue>();
  readonly statements = new Map<string, Range[]>();
  readonly imports: ImportMap;

  constructor(
    readonly file: string,
    readonly root: Node,
    public base: DictValue | undefined,
    readonly lazy: boolean,
  ) {
    this.imports = collectImports(root);
    // lazy-import configs bring the base's names into the file as plain variables
    if (lazy && base) for (const [k, v] of base.entries) this.locals.set(k, cloneValue(v));
  }

  run(): FileValues {
    for (const statement of this.root.namedChildren) {
      const assignment = statement?.type === 'expression_statement' ? statement.firstNamedChild : null;
      if (assignment?.type === 'assignment') this.assign(statement!, assignment);
      else if (assignment?.type === 'call') this.updateCall(assignment);
    }
    const values = this.dict(this.origin(this.root, this.root), new Map(this.locals));
    return { values, base: this.base, statements: this.statements };
  }

  private origin(range: Node, value: Node, remove?: Range): Origin {
    return { file: this.file, range: rangeOf(range), valueRange: rangeOf(value), deleteRange: remove };
  }

  private dict(origin: Origin, entries = new Map<string, ConfigValue>(), replace = false): DictValue {
    return { kind: 'dict', entries, replace, origin };
  }

  private assign(statement: Node, assignment: Node): void {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (!left || !right) return;
    if (left.type === 'identifier') {
      if (left.text === BASE || left.text.startsWith('__')) return;
      const value = this.expr(right);
      value.origin = this.origin(statement, right);
      this.locals.set(left.text, value);
      const list = this.statements.get(left.text) ?? [];
      list.push(rangeOf(statement));
      this.statements.set(left.text, list);
    } else if (left.type === 'attribute') {
      const path = attributePath(left);
      if (!path || path.length < 2) return;
      const value = this.expr(right);
      value.origin = this.origin(statement, right);
      this.setPath(path, value);
    }
  }

  /** `x.update(...)`/`x.y.update(...)` on a dict variable: a shallow update, as Python does it. */
  private updateCall(call: Node): void {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'update') return;
    const path = attributePath(fn.childForFieldName('object')!);
    const target = path && this.lookup(path);
    if (target?.kind !== 'dict') return;
    const update = this.dictCall(call);
    for (const [k, v] of update.entries) target.entries.set(k, v);
  }

  private setPath(path: string[], value: ConfigValue): void {
    const [head, ...rest] = path;
    let container: DictValue | undefined;
    if (head === BASE) container = this.base;
    else {
      const local = this.locals.get(head!);
      container = local?.kind === 'dict' ? local : undefined;
    }
    for (let i = 0; container && i < rest.length - 1; i++) {
      let next = container.entries.get(rest[i]!);
      if (next?.kind !== 'dict') {
        next = this.dict(value.origin);
        container.entries.set(rest[i]!, next);
      }
      container = next;
    }
    container?.entries.set(rest[rest.length - 1]!, value);
  }

  private lookup(path: string[]): ConfigValue | undefined {
    const [head, ...rest] = path;
    if (head === BASE) return valueAt(this.base, rest);
    return valueAt(this.locals.get(head!), rest);
  }

  expr(node: Node): ConfigValue {
    const origin = this.origin(node, node);
    switch (node.type) {
      case 'parenthesized_expression':
        return node.firstNamedChild ? this.expr(node.firstNamedChild) : { kind: 'expr', text: node.text, origin };
      case 'call':
        if (node.childForFieldName('function')?.text === 'dict') return this.dictCall(node);
        break;
      case 'dictionary':
        return this.dictLiteral(node);
      case 'list':
      case 'tuple':
        return {
          kind: 'list',
          tuple: node.type === 'tuple',
          items: node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment').map((c) => this.expr(c)),
          origin,
        };
      case 'string':
      case 'concatenated_string': {
        const text = stringText(node);
        if (text === undefined) break;
        const ref = /^\{\{\s*_base_\.([\w.]+)\s*\}\}$/.exec(text);
        if (ref) {
          const found = valueAt(this.base, ref[1]!.split('.'));
          return found ? cloneValue(found) : { kind: 'expr', text: node.text, origin };
        }
        return { kind: 'str', value: text, origin };
      }
      case 'integer':
      case 'float':
        return { kind: 'number', text: node.text, origin };
      case 'unary_operator':
        if (/^-\s*[\d.]/.test(node.text)) return { kind: 'number', text: node.text.replace(/\s+/g, ''), origin };
        break;
      case 'true':
      case 'false':
        return { kind: 'bool', value: node.type === 'true', origin };
      case 'none':
        return { kind: 'none', origin };
      case 'identifier':
      case 'attribute': {
        const path = attributePath(node);
        if (!path) break;
        const found = this.lookup(path);
        if (found) return cloneValue(found);
        const qualified = this.imports.get(path[0]!);
        if (qualified) return { kind: 'class', name: [qualified, ...path.slice(1)].join('.'), local: node.text, origin };
        break;
      }
    }
    return { kind: 'expr', text: node.text, origin };
  }

  private dictCall(call: Node): DictValue {
    const result = this.dict(this.origin(call, call));
    const args = call.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') ?? [];
    args.forEach((arg, i) => {
      if (arg.type === 'keyword_argument') {
        const name = arg.childForFieldName('name')?.text;
        const valueNode = arg.childForFieldName('value');
        if (!name || !valueNode) return;
        if (name === '_delete_') {
          result.replace = valueNode.type === 'true';
          return;
        }
        const value = this.expr(valueNode);
        value.origin = this.origin(arg, valueNode, removal(args, i));
        result.entries.set(name, value);
      } else {
        this.spread(result, arg.type === 'dictionary_splat' ? arg.firstNamedChild : arg);
      }
    });
    return result;
  }

  private dictLiteral(node: Node): DictValue {
    const result = this.dict(this.origin(node, node));
    const items = node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    items.forEach((item, i) => {
      if (item.type === 'dictionary_splat') return this.spread(result, item.firstNamedChild);
      if (item.type !== 'pair') return;
      const keyNode = item.childForFieldName('key');
      const valueNode = item.childForFieldName('value');
      const key = keyNode ? stringText(keyNode) : undefined;
      if (key === undefined || !valueNode) return;
      if (key === '_delete_') {
        result.replace = valueNode.type === 'true';
        return;
      }
      const value = this.expr(valueNode);
      value.origin = this.origin(item, valueNode, removal(items, i));
      result.entries.set(key, value);
    });
    return result;
  }

  /** `dict(base, x=1)` and `{**base, ...}`: Python's shallow copy of another dict's entries. */
  private spread(into: DictValue, node: Node | null): void {
    if (!node) return;
    const value = this.expr(node);
    if (value.kind !== 'dict') return;
    for (const [k, v] of value.entries) into.entries.set(k, v);
    if (value.replace) into.replace = true;
  }
}

/** The dotted path of `a.b.c`, or undefined for anything else. */
function attributePath(node: Node): string[] | undefined {
  if (node.type === 'identifier') return [node.text];
  if (node.type !== 'attribute') return undefined;
  const object = node.childForFieldName('object');
  const attr = node.childForFieldName('attribute');
  const head = object && attributePath(object);
  return head && attr ? [...head, attr.text] : undefined;
}

/** The range to delete an argument and one separating comma. */
function removal(items: Node[], i: number): Range {
  const item = items[i]!;
  const next = items[i + 1];
  if (next) return { start: rangeOf(item).start, end: rangeOf(next).start };
  const prev = items[i - 1];
  if (prev) return { start: rangeOf(prev).end, end: rangeOf(item).end };
  return rangeOf(item);
}

/** Evaluates a config file given its (already merged) base. */
export function evaluateFile(file: string, root: Node, base: DictValue | undefined, lazy: boolean): FileValues {
  return new Evaluator(file, root, base ? cloneValue(base) : undefined, lazy).run();
}
