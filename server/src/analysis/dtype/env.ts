/** The variables of a running function: copied at every branch, so a copy shares what it did not change. */
import { join, type Value } from './lattice';

/** Writes a copy keeps in its own lists before they are folded into a new shared map (bounds a lookup). */
const OWN_LIMIT = 16;

/**
 * Variables as a shared map that no one writes (`base`) under this copy's own recent writes (two
 * short lists, looked up from the end). A branch copy shares the lists until one side writes,
 * and a join of copies of one base looks only at the names some copy wrote: every other name has
 * the base's value in all of them.
 */
export class Env {
  private base: Map<string, Value>;
  private names: string[];
  private values: Value[];
  /** The lists are shared with a copy: the first write makes them this copy's own. */
  private shared: boolean;

  constructor(base: Map<string, Value> = new Map(), names: string[] = [], values: Value[] = [], shared = false) {
    this.base = base;
    this.names = names;
    this.values = values;
    this.shared = shared;
  }

  private ownIndex(name: string): number {
    const names = this.names;
    for (let i = names.length - 1; i >= 0; i--) if (names[i] === name) return i;
    return -1;
  }

  /** `ownIndex`, trying `at` first: copies of one list keep its names at their places (and the same strings). */
  private ownIndexNear(name: string, at: number): number {
    return this.names[at] === name ? at : this.ownIndex(name);
  }

  get(name: string): Value | undefined {
    const i = this.ownIndex(name);
    return i >= 0 ? this.values[i] : this.base.get(name);
  }

  has(name: string): boolean {
    return this.ownIndex(name) >= 0 || this.base.has(name);
  }

  set(name: string, value: Value): void {
    if (this.shared) {
      this.names = this.names.slice();
      this.values = this.values.slice();
      this.shared = false;
    }
    const i = this.ownIndex(name);
    if (i >= 0) {
      this.values[i] = value;
      return;
    }
    if (this.names.length >= OWN_LIMIT) {
      const merged = new Map(this.base);
      for (let k = 0; k < this.names.length; k++) merged.set(this.names[k]!, this.values[k]!);
      this.base = merged;
      this.names = [];
      this.values = [];
    }
    this.names.push(name);
    this.values.push(value);
  }

  /**
   * The names this copy may have written since it was copied from `origin` (a superset), or
   * undefined when its writes went to a new shared map and cannot be told apart.
   */
  writtenSince(origin: Env): readonly string[] | undefined {
    return this.base === origin.base ? this.names : undefined;
  }

  /** A copy that later writes to either side do not reach. */
  copy(): Env {
    this.shared = true;
    return new Env(this.base, this.names, this.values, true);
  }

  /**
   * The join at a merge of control flow: per name, the values of the copies that have it, joined
   * in the order of `envs` (join is not symmetric: the first side's provenance comes first).
   */
  static join(envs: Env[]): Env {
    if (envs.length === 1) return envs[0]!;
    const first = envs[0]!;
    const base = first.base;
    let sameBase = true;
    let sameLists = true;
    for (const e of envs) {
      if (e.base !== base) sameBase = false;
      if (e.names !== first.names) sameLists = false;
    }
    if (sameBase) {
      // No copy wrote anything since they parted: they are all alike.
      if (sameLists) return first.copy();
      const names: string[] = [];
      const values: Value[] = [];
      for (let k = 0; k < envs.length; k++) {
        const own = envs[k]!.names;
        for (let i = 0; i < own.length; i++) {
          const name = own[i]!;
          let seen = false;
          for (let j = 0; j < k && !seen; j++) seen = envs[j]!.ownIndexNear(name, i) >= 0;
          if (seen) continue;
          let acc: Value | undefined;
          for (const e of envs) {
            const at = e.ownIndexNear(name, i);
            const v = at >= 0 ? e.values[at] : base.get(name);
            if (v !== undefined) acc = acc === undefined ? v : join(acc, v);
          }
          names.push(name);
          values.push(acc!);
        }
      }
      // More names than a copy keeps: they go to a new shared map, as a write past the limit does.
      if (names.length > OWN_LIMIT) {
        const merged = new Map(base);
        for (let k = 0; k < names.length; k++) merged.set(names[k]!, values[k]!);
        return new Env(merged);
      }
      return new Env(base, names, values);
    }
    const out = new Map<string, Value>();
    const add = (name: string, v: Value) => out.set(name, out.has(name) ? join(out.get(name), v) : v);
    for (const env of envs) {
      for (const [name, v] of env.base) if (env.ownIndex(name) < 0) add(name, v);
      for (let k = 0; k < env.names.length; k++) add(env.names[k]!, env.values[k]!);
    }
    return new Env(out);
  }
}
