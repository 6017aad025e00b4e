/**
 * Values for a module's constructor arguments: defaults stay, each required argument gets a value
 * read from how `__init__` uses it (the `in_channels` of a conv, the `kernel_size`, a tensor shape),
 * then from its name; what nothing tells is left as a placeholder.
 */
import type { SyntaxNode as Node } from '../analysis/syntax';
import { qualify } from '../analysis/imports';
import { walkStatements } from '../analysis/dtype/classFacts';
import { callArgs, dottedName } from '../analysis/nodeHelpers';
import { LAYERS, SIZED, nameValue, roleValue } from './layers';
import { moduleClass, type FileClasses, type ModuleClass } from './moduleClasses';
import { evaluate, namesIn, type Env } from './arithmetic';

export interface ArgumentValue {
  name: string;
  /** The Python literal passed; undefined for a placeholder. */
  value?: string;
  /** Why this value (`in_channels of nn.Conv2d on line 12`), or what is missing. */
  reason: string;
}

export interface Construction {
  args: ArgumentValue[];
  /** Every argument and `self.x` assignment of `__init__` that evaluates to a number. */
  env: Env;
}

const CREATION = /^torch\.(zeros|ones|empty|randn|rand|full|eye|arange|linspace|Tensor|FloatTensor)$/;

/** Constructor parameter names of a call's callee: a torch layer, or a class of this file. */
function calleeParams(call: Node, file: FileClasses, self: ModuleClass, depth: number): string[] | undefined {
  const fn = call.childForFieldName('function');
  const name = dottedName(fn);
  if (!name) {
    // super().__init__(...) of a class that extends a torch layer
    if (fn?.type === 'attribute' && fn.text.startsWith('super(') && fn.childForFieldName('attribute')?.text === '__init__')
      return self.layerBase ? LAYERS.get(self.layerBase)?.params : undefined;
    return undefined;
  }
  const q = qualify(name, file.imports);
  const spec = LAYERS.get(q);
  if (spec) return spec.params;
  const sized = SIZED.get(q);
  if (sized) return sized;
  if (depth < 3 && file.classes.has(name) && name !== self.facts.name) {
    const local = moduleClass(file, name);
    if (local) return local.init.filter((p) => !p.splat).map((p) => `@${name}.${p.name}`);
  }
  return undefined;
}

/** Roles of parameter names: `channels` → `in_channels`, from the calls of `__init__` (and of local classes it builds). */
function readRoles(cls: ModuleClass, file: FileClasses, depth = 0): Map<string, string> {
  const roles = new Map<string, string>();
  const initFn = cls.facts.methods.get('__init__');
  if (!initFn) return roles;
  const required = new Set(cls.init.map((p) => p.name));
  const note = (expr: Node, role: string) => {
    for (const n of namesIn(expr)) if (required.has(n) && !roles.has(n)) roles.set(n, role);
  };
  walkStatements(initFn, (node) => {
    if (node.type !== 'call') return;
    const fname = dottedName(node.childForFieldName('function'));
    const q = fname ? qualify(fname, file.imports) : '';
    const { positional, keywords } = callArgs(node);
    if (CREATION.test(q)) {
      for (const arg of positional) note(arg, 'shape');
      return;
    }
    const params = calleeParams(node, file, cls, depth);
    if (!params) return;
    const resolve = (role: string): string => {
      // A local class's parameter: the role it has inside that class.
      const m = /^@(\w+)\.(\w+)$/.exec(role);
      if (!m) return role;
      const local = moduleClass(file, m[1]!);
      return (local && readRoles(local, file, depth + 1).get(m[2]!)) ?? m[2]!;
    };
    positional.forEach((arg, i) => {
      const role = params[i];
      if (role) note(arg, resolve(role));
    });
    for (const [key, arg] of keywords) {
      const role = params.find((p) => p === key || p.endsWith(`.${key}`));
      note(arg, role ? resolve(role) : key);
    }
  });
  return roles;
}

const roleText = (role: string) => (role === 'shape' ? 'a tensor size' : role);

/** A Python literal for a number. */
export function pyNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return n < 1e-3 ? n.toExponential().replace('e-', 'e-') : String(n);
}

/** Values for every argument of the class's constructor (`bound`: those a caller passes), and the numbers `__init__` then computes. */
export function constructionOf(cls: ModuleClass, file: FileClasses, bound?: Env): Construction {
  const roles = readRoles(cls, file);
  const env: Env = new Map();
  const args: ArgumentValue[] = [];
  for (const p of cls.init) {
    if (p.splat) continue;
    const given = bound?.get(p.name);
    if (given !== undefined) {
      env.set(p.name, given);
      continue;
    }
    if (p.defaultText !== undefined) {
      const v = evaluate(p.defaultNode, env);
      if (v !== undefined) env.set(p.name, v);
      continue;
    }
    const role = roles.get(p.name);
    const fromRole = role ? (role === 'shape' ? (nameValue(p.name) ?? 4) : (roleValue(role) ?? nameValue(role))) : undefined;
    const value = fromRole ?? nameValue(p.name);
    if (value === undefined && /^(use|with|has|is|enable)_|^(bias|affine)$/.test(p.name)) {
      args.push({ name: p.name, value: 'True', reason: 'a flag, from its name' });
      continue;
    }
    if (value === undefined) {
      args.push({ name: p.name, reason: `nothing in __init__ tells what \`${p.name}\` takes` });
      continue;
    }
    env.set(p.name, value);
    args.push({
      name: p.name,
      value: pyNumber(value),
      reason: role ? `used as ${roleText(role)}` : `from its name`,
    });
  }
  readInitNumbers(cls, file, env);
  return { args, env };
}

/** `self.mid = channels // 2` and `mid = ...` in `__init__`, in order, into the environment. */
function readInitNumbers(cls: ModuleClass, file: FileClasses, env: Env): void {
  const initFn = cls.facts.methods.get('__init__');
  const layer = cls.layerBase ? LAYERS.get(cls.layerBase) : undefined;
  // A torch layer keeps its constructor arguments as attributes (`self.in_channels`).
  const keep = (names: string[], values: (Node | undefined)[] | undefined) =>
    names.forEach((n, i) => {
      const v = values ? evaluate(values[i], env) : env.get(n);
      if (v !== undefined) env.set(`self.${n}`, v);
    });
  if (layer && (!initFn || cls.init.every((p) => layer.params.includes(p.name)))) keep(layer.params, undefined);
  if (!initFn) return;
  walkStatements(initFn, (node) => {
    if (node.type === 'call' && layer && calleeParams(node, file, cls, 3) === layer.params) {
      const { positional, keywords } = callArgs(node);
      keep(
        layer.params,
        layer.params.map((p, i) => positional[i] ?? keywords.get(p)),
      );
    }
    if (node.type !== 'assignment') return;
    const left = node.childForFieldName('left');
    if (!left || (left.type !== 'identifier' && !/^self\.\w+$/.test(left.text))) return;
    const v = evaluate(node.childForFieldName('right'), env);
    if (v !== undefined) env.set(left.text, v);
  });
}
