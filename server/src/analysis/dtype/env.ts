/** The variables of a running function: copied at every branch, so a copy shares what it did not change. */
import { join, type Value } from './lattice';

/** Writes a copy keeps to itself before they are folded into a new shared map (bounds the cost of a copy). */
const OWN_LIMIT = 16;

/**
 * Variables as a shared map that no one writes (`base`) under a small map of this copy's own
 * writes (`own`). A branch copy copies only `own`, and a join of copies of one base looks only at
 * the names some copy wrote: every other name has the base's value in all of them.
 */
export class Env {
  private base: Map<string, Value>;
  private own: Map<string, Value>;
  /** `own` is shared with a copy: the first write makes this copy's own (most branches write little or nothing). */
  private shared: boolean;

  constructor(base: Map<string, Value> = new Map(), own: Map<string, Value> = new Map(), shared = false) {
    this.base = base;
    this.own = own;
    this.shared = shared;
  }

  get(name: string): Value | undefined {
    return this.own.get(name) ?? this.base.get(name);
  }

  has(name: string): boolean {
    return this.own.has(name) || this.base.has(name);
  }

  set(name: string, value: Value): void {
    if (this.shared) {
      this.own = new Map(this.own);
      this.shared = false;
    }
    this.own.set(name, value);
  }

  /** A copy that later writes to either side do not reach. */
  copy(): Env {
    if (this.own.size > OWN_LIMIT) {
      const merged = new Map(this.base);
      for (const [name, value] of this.own) merged.set(name, value);
      this.base = merged;
      this.own = new Map();
    }
    this.shared = true;
    return new Env(this.base, this.own, true);
  }

  /**
   * The join at a merge of control flow: per name, the values of the copies that have it, joined
   * in the order of `envs` (join is not symmetric: the first side's provenance comes first).
   */
  static join(envs: Env[]): Env {
    if (envs.length === 1) return envs[0]!;
    const base = envs[0]!.base;
    if (envs.every((e) => e.base === base)) {
      // No copy wrote anything since they parted: they are all alike.
      if (envs.every((e) => e.own === envs[0]!.own)) return envs[0]!.copy();
      const own = new Map<string, Value>();
      for (const env of envs) {
        for (const name of env.own.keys()) {
          if (own.has(name)) continue;
          let acc: Value | undefined;
          for (const e of envs) {
            const v = e.own.get(name) ?? e.base.get(name);
            if (v !== undefined) acc = acc === undefined ? v : join(acc, v);
          }
          own.set(name, acc!);
        }
      }
      return new Env(base, own);
    }
    const out = new Map<string, Value>();
    for (const env of envs) {
      for (const [name, v] of env.base) if (!env.own.has(name)) out.set(name, out.has(name) ? join(out.get(name), v) : v);
      for (const [name, v] of env.own) out.set(name, out.has(name) ? join(out.get(name), v) : v);
    }
    return new Env(out);
  }
}
