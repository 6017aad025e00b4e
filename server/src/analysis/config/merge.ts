/** mmengine's merge of a child config into its base (`Config._merge_a_into_b`), with its errors kept. */
import { cloneValue, type ConfigValue, type DictValue, type Origin } from './values';

export interface MergeError {
  /** Dotted key path (`optim_wrapper.optimizer`). */
  key: string;
  message: string;
  /** Where the child sets the dict. */
  child: Origin;
  /** Where the base sets the other value. */
  base: Origin;
}

/**
 * Merges `child` into a copy of `base`: dicts key by key, other values replace, `_delete_=True`
 * replaces. A child dict over a base value that is not a dict is an error in mmengine (TypeError);
 * it is recorded and the child's dict is kept, as the user meant it.
 */
export function mergeInto(child: DictValue, base: DictValue, errors: MergeError[], prefix = ''): DictValue {
  const result: DictValue = { ...base, entries: new Map(base.entries) };
  for (const [key, value] of child.entries) {
    const old = result.entries.get(key);
    const path = prefix ? `${prefix}.${key}` : key;
    if (value.kind === 'dict' && old !== undefined && !value.replace) {
      if (old.kind !== 'dict') {
        errors.push({
          key: path,
          message: `${path} is a dict here but ${describeKind(old)} in its base: mmengine cannot merge them (TypeError)`,
          child: value.origin,
          base: old.origin,
        });
        result.entries.set(key, stripReplace(value));
      } else {
        const merged = mergeInto(value, old, errors, path);
        // the child statement is where the merged dict is now written
        merged.origin = value.origin;
        result.entries.set(key, merged);
      }
    } else {
      result.entries.set(key, value.kind === 'dict' ? stripReplace(value) : value);
    }
  }
  return result;
}

/** A dict without its `_delete_` flag, nested too (mmengine drops the key once merged). */
function stripReplace(value: ConfigValue): ConfigValue {
  if (value.kind !== 'dict') return value;
  return { ...value, replace: false, entries: new Map([...value.entries].map(([k, v]) => [k, stripReplace(v)])) };
}

function describeKind(value: ConfigValue): string {
  switch (value.kind) {
    case 'none':
      return 'None';
    case 'str':
      return 'a string';
    case 'number':
      return 'a number';
    case 'bool':
      return 'a bool';
    case 'list':
      return value.tuple ? 'a tuple' : 'a list';
    default:
      return 'not a dict';
  }
}

export interface DuplicateKey {
  key: string;
  first: Origin;
  second: Origin;
}

/** Combines several bases (`_base_ = [a, b]`): their keys must not overlap (mmengine KeyError). */
export function combineBases(bases: DictValue[], origin: Origin, duplicates: DuplicateKey[]): DictValue {
  const entries = new Map<string, ConfigValue>();
  for (const base of bases) {
    for (const [key, value] of base.entries) {
      const existing = entries.get(key);
      if (existing) duplicates.push({ key, first: existing.origin, second: value.origin });
      entries.set(key, cloneValue(value));
    }
  }
  return { kind: 'dict', entries, replace: false, origin };
}
