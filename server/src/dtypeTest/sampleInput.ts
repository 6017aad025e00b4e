/**
 * The sample input of a dtype test: the rank and channel count of the first layer the forward
 * reaches (a conv, a linear, a custom op), through submodules, Sequentials and classes of this file.
 */
import type { SyntaxNode as Node } from '../analysis/syntax';
import { qualify } from '../analysis/imports';
import { walkStatements } from '../analysis/dtype/classFacts';
import { callArgs, dottedName } from '../analysis/nodeHelpers';
import { constructionOf } from './arguments';
import { FUNCTIONAL, LAYERS, type LayerSpec } from './layers';
import { moduleClass, type FileClasses, type ModuleClass } from './moduleClasses';
import { evaluate, type Env } from './arithmetic';

export interface FirstLayer {
  rank: 0 | 1 | 2 | 3;
  channels?: number;
  /** The layer's kernel size and stride when known (a patch embedding wants a multiple of its patch). */
  kernel?: number;
  stride?: number;
  /** What the layer is, for the comment in the test (`self.conv (nn.Conv2d)`). */
  what: string;
  opaque?: boolean;
  derived?: boolean;
  /** The layer reads its input as tokens: (batch, tokens, features). */
  tokens?: boolean;
}

const POOL = /(adaptive_)?(avg|max)_pool([123])d|(Adaptive)?(Avg|Max)Pool([123])d/;

/** A layer constructor call read with the environment of the class that makes it. */
function fromLayerCall(call: Node, spec: LayerSpec, env: Env, what: string): FirstLayer {
  const { positional, keywords } = callArgs(call);
  const arg = (p: string) => {
    const i = spec.params.indexOf(p);
    return keywords.get(p) ?? (i >= 0 ? positional[i] : undefined);
  };
  const inArg = spec.inParam ? arg(spec.inParam) : undefined;
  return {
    rank: spec.rank,
    channels: evaluate(inArg, env),
    // `in_channels + 2`, `channels * 3`: the layer takes the input joined with something else.
    derived: !!inArg && inArg.type === 'binary_operator',
    kernel: evaluate(arg('kernel_size'), env),
    stride: evaluate(arg('stride'), env),
    what,
    opaque: spec.opaque,
  };
}

/** The first layer built by a constructor expression: a layer, a Sequential's first entry, a local class. */
function fromConstructor(
  value: Node | undefined,
  file: FileClasses,
  env: Env,
  what: string,
  depth: number,
): FirstLayer | undefined {
  if (!value || depth > 4) return undefined;
  if (value.type === 'list' || value.type === 'tuple') return fromConstructor(value.namedChildren[0], file, env, what, depth + 1);
  if (value.type === 'list_comprehension' || value.type === 'generator_expression')
    return fromConstructor(value.childForFieldName('body') ?? undefined, file, env, what, depth + 1);
  if (value.type !== 'call') return undefined;
  const name = dottedName(value.childForFieldName('function'));
  if (!name) return undefined;
  const q = qualify(name, file.imports);
  const spec = LAYERS.get(q);
  if (spec) return fromLayerCall(value, spec, env, `${what} (${name})`);
  const { positional, keywords } = callArgs(value);
  if (q === 'torch.nn.Sequential' || q === 'torch.nn.ModuleList') {
    for (const arg of positional) {
      const found = fromConstructor(arg, file, env, what, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  const local = file.classes.has(name) ? moduleClass(file, name) : undefined;
  if (!local) return undefined;
  // The local class's own environment: its parameters bound to this call's arguments.
  const bound: Env = new Map();
  local.init.forEach((p, i) => {
    const v = evaluate(keywords.get(p.name) ?? (p.splat ? undefined : positional[i]), env);
    if (v !== undefined) bound.set(p.name, v);
  });
  return firstLayerOf(local, file, depth + 1, constructionOf(local, file, bound).env);
}

/** The weight's input channels: `self.weight` of a layer base, or a Parameter made as `torch.randn(out, in, k, k)`. */
function weightChannels(weight: Node | undefined, cls: ModuleClass, env: Env, call: Node): number | undefined {
  if (!weight) return undefined;
  const groups = evaluate(callArgs(call).keywords.get('groups'), env) ?? 1;
  if (weight.text === 'self.weight' && cls.layerBase) {
    const c = env.get('self.in_channels') ?? env.get('self.in_features');
    return c;
  }
  const m = /^self\.(\w+)$/.exec(weight.text);
  const fact = m ? cls.facts.attrs.get(m[1]!) : undefined;
  let value = fact?.value;
  // nn.Parameter(torch.randn(...)) → the creation call inside
  while (value?.type === 'call' && /Parameter$/.test(value.childForFieldName('function')?.text ?? ''))
    value = callArgs(value).positional[0];
  if (value?.type !== 'call') return undefined;
  const dims = callArgs(value).positional;
  const inner = evaluate(dims[1], env);
  return inner === undefined ? undefined : inner * groups;
}

/** The first conv/linear/custom op the class's forward reaches, or its torch layer base's. */
export function firstLayerOf(cls: ModuleClass, file: FileClasses, depth = 0, env?: Env): FirstLayer | undefined {
  const scope = env ?? constructionOf(cls, file).env;
  const forward = cls.facts.methods.get('forward');
  const found = forward ? firstInFunction(forward, cls, file, scope, depth, 0) : baseLayer(cls, scope);
  if (!found) return found;
  const param = cls.init.find((p) => CHANNEL_PARAM.test(p.name));
  const own = param && scope.get(param.name);
  if (found.derived && own !== undefined) return { ...found, channels: own };
  if (found.channels !== undefined) return found;
  return { ...found, channels: fallbackChannels(cls, file, scope, depth) };
}

/** The torch layer the class extends, read as a first layer. */
function baseLayer(cls: ModuleClass, scope: Env): FirstLayer | undefined {
  const base = cls.layerBase ? LAYERS.get(cls.layerBase) : undefined;
  return (
    base && {
      rank: base.rank,
      channels: base.inParam ? scope.get(`self.${base.inParam}`) : undefined,
      kernel: scope.get('self.kernel_size'),
      stride: scope.get('self.stride'),
      what: `the ${cls.layerBase!.split('.').pop()} it extends`,
    }
  );
}

const CHANNEL_PARAM = /^(in_?)?(channels|chans|features|feats|dim|planes|ch|c\d?|c_in|num_features|inplanes)$/i;

/** When an op's weight does not tell the input channels: the class's channel argument, its first layer, its base. */
function fallbackChannels(cls: ModuleClass, file: FileClasses, scope: Env, depth: number): number | undefined {
  const param = cls.init.find((p) => CHANNEL_PARAM.test(p.name));
  const fromParam = param && scope.get(param.name);
  if (fromParam !== undefined) return fromParam;
  const fromBase = cls.layerBase ? (scope.get('self.in_channels') ?? scope.get('self.in_features')) : undefined;
  if (fromBase !== undefined) return fromBase;
  for (const [name, fact] of cls.facts.attrs) {
    const layer = fact.value && fromConstructor(fact.value, file, scope, `self.${name}`, depth + 1);
    if (layer?.channels !== undefined) return layer.channels;
  }
  return undefined;
}

/** The first layer reached in one function: its calls in the order they finish (`self.b(self.a(x))` runs a first). */
function firstInFunction(
  fn: Node,
  cls: ModuleClass,
  file: FileClasses,
  scope: Env,
  depth: number,
  hops: number,
): FirstLayer | undefined {
  const calls: Node[] = [];
  walkStatements(fn, (node) => {
    if (node.type === 'call') calls.push(node);
  });
  calls.sort((a, b) => a.endIndex - b.endIndex);
  const input = hops === 0 ? firstParam(fn) : undefined;
  // A conv applied to the input itself wins over a linear that sees a pooled copy (routing, attention).
  if (input) {
    const direct = calls.find((c) => {
      const q = qualify(dottedName(c.childForFieldName('function')) ?? '', file.imports);
      const op = FUNCTIONAL.get(q);
      if (!op || op.rank === 0 || callArgs(c).positional[op.input]?.text !== input) return false;
      // Still the forward's own input: not assigned again before the call.
      const before = fn.source.text.slice(fn.startIndex, c.startIndex);
      return !new RegExp(`^\\s*${input}\\s*[+*/-]?=[^=]`, 'm').test(before);
    });
    if (direct && calls.indexOf(direct) > 0) calls.unshift(direct);
  }
  let pooled: 0 | 1 | 2 | 3 = 0;
  // Tokens (batch, tokens, features): the forward reads the token axis, unpacks three sizes from
  // the input's shape (`b, n, _ = x.shape`), or swaps the last two axes of what it computes.
  const tokens =
    !!input &&
    (new RegExp(`\\b${input}\\.(shape\\[1\\]|size\\(1\\)|shape\\[-2\\])`).test(fn.text) ||
      new RegExp(`^\\s*\\w+\\s*,\\s*\\w+\\s*,\\s*\\w+\\s*=\\s*${input}\\.(shape|size\\(\\))\\s*$`, 'm').test(fn.text) ||
      /\.transpose\((1, 2|-2, -1|-1, -2|2, 1)\)/.test(fn.text));
  const unpool = (layer: FirstLayer): FirstLayer =>
    layer.rank === 0 && pooled ? { ...layer, rank: pooled } : layer.rank === 0 && tokens ? { ...layer, tokens } : layer;
  for (const call of calls) {
    const callee = call.childForFieldName('function');
    const text = callee?.text ?? '';
    const name = dottedName(callee);
    const q = name ? qualify(name, file.imports) : '';
    const pool = POOL.exec(q) ?? POOL.exec(attrConstructor(text, cls));
    if (pool) pooled = Number(pool[3] ?? pool[6]) as 1 | 2 | 3;
    const op = FUNCTIONAL.get(q);
    if (op) {
      const { positional } = callArgs(call);
      return unpool({ rank: op.rank, channels: weightChannels(positional[op.weight], cls, scope, call), what: name! });
    }
    if (cls.layerBase && (text === 'super().forward' || text === 'self._conv_forward' || text === 'super().__call__'))
      return baseLayer(cls, scope);
    const attr = /^self\.(\w+)(\[.*\])?$/.exec(text)?.[1];
    const fact = attr ? cls.facts.attrs.get(attr) : undefined;
    if (fact?.value) {
      const found = fromConstructor(fact.value, file, scope, `self.${attr}`, depth);
      if (found) return unpool(found);
    }
    // A helper: a method of the class or a function of the file.
    const helper =
      attr && !fact ? cls.facts.methods.get(attr) : name && !name.includes('.') ? topLevelFunction(file, name) : undefined;
    if (helper && hops < 3) {
      const found = firstInFunction(helper, cls, file, scope, depth, hops + 1);
      if (found) return unpool(found);
    }
  }
  return undefined;
}

/** The first parameter after `self`. */
function firstParam(fn: Node): string | undefined {
  const params = fn.childForFieldName('parameters')?.namedChildren ?? [];
  const p = params[1];
  return p?.type === 'identifier' ? p.text : p?.type === 'default_parameter' ? p.childForFieldName('name')?.text : undefined;
}

function topLevelFunction(file: FileClasses, name: string): Node | undefined {
  for (const unit of file.root.namedChildren) {
    const fn = unit.type === 'decorated_definition' ? unit.childForFieldName('definition') : unit;
    if (fn?.type === 'function_definition' && fn.childForFieldName('name')?.text === name) return fn;
  }
  return undefined;
}

/** The qualified constructor of `self.pool` when it is called as `self.pool(...)` (for pooling layers). */
function attrConstructor(text: string, cls: ModuleClass): string {
  const attr = /^self\.(\w+)$/.exec(text)?.[1];
  const value = attr ? cls.facts.attrs.get(attr)?.value : undefined;
  return value?.type === 'call' ? (value.childForFieldName('function')?.text ?? '') : '';
}

/** A small input shape for the layer: batch 2, its channels, a few spatial positions. */
export function inputShape(layer: FirstLayer, channels: number, batch = 2): number[] {
  if (layer.rank === 0) return layer.tokens ? [batch, 4, channels] : [batch, channels];
  // A patch embedding (stride = kernel) wants a multiple of its patch; other convs a small size.
  const patch = layer.kernel && layer.stride && layer.kernel === layer.stride ? layer.kernel : 0;
  const side = patch > 1 ? patch * 4 : layer.rank === 1 ? 32 : layer.rank === 2 ? 16 : 8;
  return [batch, channels, ...Array<number>(layer.rank).fill(Math.max(side, (layer.kernel ?? 1) * 2))];
}
