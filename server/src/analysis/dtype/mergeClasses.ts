/** Facts of local base classes merged into their subclasses, reusing a class's merge while it and its bases are unchanged. */
import type { ClassFacts } from './classFacts';

/**
 * A class's merged facts, the facts (before merging) of every class the merge read, itself
 * included, by name, and the base names it found no class of. Keyed by the class's own facts,
 * which live as long as their statement: an edit in one class merges that class and its
 * subclasses again, not every class of the file.
 */
const mergedOf = new WeakMap<ClassFacts, { merged: ClassFacts; read: Map<string, ClassFacts>; missing: string[] }>();

/**
 * The merged classes of a file from their own facts by name (the first class of a name already
 * chosen). Never changes the own facts, nor a merged class handed out before.
 */
export function mergeClasses(own: ReadonlyMap<string, ClassFacts>): Map<string, ClassFacts> {
  const classes = new Map<string, ClassFacts>();
  // One set for all classes: a class is merged with its bases once, and a base merged first is
  // complete when a subclass reads it (a fresh set per class merged deep hierarchies again and again).
  const merged = new Set<string>();
  const fresh: ClassFacts[] = [];
  for (const [name, facts] of own) {
    const kept = mergedOf.get(facts);
    // The same facts of the same classes, and still no class for the bases it did not find: the
    // same merge (its bases formed no cycle, so the order classes are met in cannot matter).
    if (kept && stillReads(kept, own)) {
      classes.set(name, kept.merged);
      merged.add(name);
      continue;
    }
    const copy = {
      ...facts,
      attrs: new Map(facts.attrs),
      methods: new Map(facts.methods),
      buildSteps: new Set(facts.buildSteps),
      units: [...facts.units],
    };
    classes.set(name, copy);
    fresh.push(facts);
  }
  for (const facts of classes.values()) inherit(facts, classes, merged);
  // Kept for the next call: the merges of classes whose bases lead back to no class on the way
  // (with a cycle the merge depends on the order classes are met in).
  const reads = new Map<string, Set<string>>();
  for (const facts of fresh) {
    if (!readsOf(facts.name, own, reads, new Set())) continue;
    const read = new Map([...reads.get(facts.name)!].map((n) => [n, own.get(n)!] as const));
    const missing = [...read.values()].flatMap((f) => f.bases.filter((b) => !own.has(b)));
    mergedOf.set(facts, { merged: classes.get(facts.name)!, read, missing });
  }
  return classes;
}

/** Whether a kept merge would read the same facts now: every class it read is the same, and no base it missed has a class. */
function stillReads(kept: { read: Map<string, ClassFacts>; missing: string[] }, own: ReadonlyMap<string, ClassFacts>): boolean {
  for (const [n, facts] of kept.read) if (own.get(n) !== facts) return false;
  for (const b of kept.missing) if (own.has(b)) return false;
  return true;
}

/**
 * Fills `reads` with the names of the classes a merge of `name` reads (itself and its local bases,
 * transitively); false when a base leads back to a class on the way (`path`).
 */
function readsOf(
  name: string,
  own: ReadonlyMap<string, ClassFacts>,
  reads: Map<string, Set<string>>,
  path: Set<string>,
): boolean {
  if (reads.has(name)) return true;
  if (path.has(name)) return false;
  path.add(name);
  const found = new Set([name]);
  const facts = own.get(name)!;
  for (const base of facts.bases) {
    const parent = own.get(base);
    if (!parent || parent === facts) continue;
    if (!readsOf(base, own, reads, path)) return false;
    for (const n of reads.get(base)!) found.add(n);
  }
  path.delete(name);
  reads.set(name, found);
  return true;
}

/** Facts of local base classes flow into subclasses (the subclass wins); `seen`: classes already merged or being merged. */
function inherit(facts: ClassFacts, classes: Map<string, ClassFacts>, seen: Set<string>): void {
  if (seen.has(facts.name)) return;
  seen.add(facts.name);
  for (const base of facts.bases) {
    const parent = classes.get(base);
    if (!parent || parent === facts) continue;
    inherit(parent, classes, seen);
    for (const [k, v] of parent.attrs) if (!facts.attrs.has(k)) facts.attrs.set(k, v);
    for (const [k, v] of parent.methods) if (!facts.methods.has(k)) facts.methods.set(k, v);
    for (const u of parent.units) if (!facts.units.includes(u)) facts.units.push(u);
    facts.baseParams ??= parent.baseParams;
    facts.customBase ??= parent.customBase;
    facts.autogradFunction ||= parent.autogradFunction;
    for (const m of parent.buildSteps)
      if (!facts.methods.has(m) || facts.methods.get(m) === parent.methods.get(m)) facts.buildSteps.add(m);
  }
}
