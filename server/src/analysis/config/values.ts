/** The values a config holds, each remembering where it was written (file and range). */
import type { Range } from '../types';

/** Where a value was written: the statement or `key=value` that set it, and the value itself. */
export interface Origin {
  file: string;
  /** The `key=value`, `'key': value` or assignment statement that set the value. */
  range: Range;
  /** The value expression alone. */
  valueRange: Range;
  /** What to delete to remove this entry from its dict (entry plus one separating comma). */
  deleteRange?: Range;
}

interface Base {
  origin: Origin;
}

export interface DictValue extends Base {
  kind: 'dict';
  entries: Map<string, ConfigValue>;
  /** `_delete_=True`: replace the base dict instead of merging into it. */
  replace: boolean;
}
export interface ListValue extends Base {
  kind: 'list';
  items: ConfigValue[];
  tuple: boolean;
}
export interface StringValue extends Base {
  kind: 'str';
  value: string;
}
export interface NumberValue extends Base {
  kind: 'number';
  text: string;
}
export interface BoolValue extends Base {
  kind: 'bool';
  value: boolean;
}
export interface NoneValue extends Base {
  kind: 'none';
}
/** A class given directly (lazy-import configs: `type=AmpOptimWrapper`), by its qualified name. */
export interface ClassValue extends Base {
  kind: 'class';
  name: string;
  /** The name as written (what a fix must import or write). */
  local: string;
}
/** Anything not evaluated statically (calls, arithmetic, unresolved `{{_base_.x}}`), kept as text. */
export interface ExprValue extends Base {
  kind: 'expr';
  text: string;
}

export type ConfigValue = DictValue | ListValue | StringValue | NumberValue | BoolValue | NoneValue | ClassValue | ExprValue;

/** The value at a key path (`['optim_wrapper', 'type']`) of a dict, if every step is a dict. */
export function valueAt(root: ConfigValue | undefined, keys: readonly string[]): ConfigValue | undefined {
  let current = root;
  for (const key of keys) {
    if (current?.kind !== 'dict') return undefined;
    current = current.entries.get(key);
  }
  return current;
}

/** The name a `type` value stands for: a string, or the last segment of a class (`mmengine.optim.AmpOptimWrapper`). */
export function typeName(value: ConfigValue | undefined): string | undefined {
  if (value?.kind === 'str') return value.value;
  if (value?.kind === 'class') return value.name.split('.').pop();
  return undefined;
}

/** A deep copy, so that merging never mutates a cached base. */
export function cloneValue<T extends ConfigValue>(value: T): T {
  if (value.kind === 'dict') return { ...value, entries: new Map([...value.entries].map(([k, v]) => [k, cloneValue(v)])) };
  if (value.kind === 'list') return { ...value, items: value.items.map(cloneValue) };
  return { ...value };
}

/** Python source for a value (used by fixes that write an override); undefined when not literal. */
export function renderValue(value: ConfigValue): string | undefined {
  switch (value.kind) {
    case 'str':
      return `'${value.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    case 'number':
      return value.text;
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'class':
    case 'expr':
      return undefined;
    case 'list': {
      const items = value.items.map(renderValue);
      if (items.some((i) => i === undefined)) return undefined;
      return value.tuple ? `(${items.join(', ')}${items.length === 1 ? ',' : ''})` : `[${items.join(', ')}]`;
    }
    case 'dict': {
      const parts: string[] = [];
      for (const [k, v] of value.entries) {
        const text = renderValue(v);
        if (text === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) return undefined;
        parts.push(`${k}=${text}`);
      }
      return `dict(${parts.join(', ')})`;
    }
  }
}

/** A short readable form for hovers (`dict(type='AmpOptimWrapper', ...)`). */
export function describeValue(value: ConfigValue, depth = 0): string {
  switch (value.kind) {
    case 'dict': {
      if (depth > 1) return 'dict(...)';
      const parts = [...value.entries].slice(0, 4).map(([k, v]) => `${k}=${describeValue(v, depth + 1)}`);
      if (value.entries.size > 4) parts.push('...');
      return `dict(${parts.join(', ')})`;
    }
    case 'list':
      return value.tuple ? '(...)' : '[...]';
    case 'class':
      return value.local;
    case 'expr':
      return value.text.length > 40 ? value.text.slice(0, 37) + '...' : value.text;
    default:
      return renderValue(value) ?? '?';
  }
}
