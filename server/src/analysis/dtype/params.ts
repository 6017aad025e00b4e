/** Function parameters: tensors arrive as activations, `self` is the module, settings are not tensors. */
import type { SyntaxNode as Node } from '../syntax';
import type { Args } from './args';
import { isGroupNormClass } from './classFacts';
import type { FnState } from './context';
import { F32, REGIMES, SCALAR, UNKNOWN, perRegime, stepOf, tensor, type Value } from './lattice';

/** Parameter names that hold settings, not tensors (`device`, `kernel_size`, `num_classes`, ...). */
const SETTING =
  /^(device|dtype|size|shape|\w*_size|stride|padding|dilation|groups|num_\w+|n_\w+|dim|eps|\w*channels|scale_factor|mode|align_corners|inplace|training|momentum|\w*_shape|index|idx|name|cfg|\w*_cfg|batch_size|height|width|reduction|ignore_index|return_\w+|use_\w+|with_\w+|is_\w+|\w*_dim|p|bias_attr|key_padding_mask_format)$/;
const NON_TENSOR_TYPES =
  /^(int|float|str|bool|tuple|list|dict|Tuple|List|Dict|Optional\[(int|float|str|bool)\]|_size\w*|_ratio\w*|torch\.device|torch\.dtype|Callable.*)/;

interface Param {
  name: string;
  node: Node;
  defaultValue?: Node;
  type?: Node;
  splat?: boolean;
}

/** What binding reads of a function's signature; it depends only on the function's own text. */
export interface Signature {
  params: Param[];
  /** Per parameter: whether it is taken as a tensor when the function runs on its own. */
  tensor: boolean[];
  /** A `@staticmethod` / `@classmethod`. */
  decorated: boolean;
  /** Its first line names `classmethod`. */
  classmethod: boolean;
}

/** The function's signature, read once per file run: an entry and every inlined call of it read the same one. */
function signatureOf(fn: Node, signatures: Map<number, Signature>): Signature {
  let sig = signatures.get(fn.id);
  if (!sig) {
    const params = readParams(fn);
    const decorated = isStatic(fn);
    sig = {
      params,
      tensor: params.map(isTensorParam),
      decorated,
      classmethod: decorated && /classmethod/.test(fn.parent?.text.split('\n')[0] ?? ''),
    };
    signatures.set(fn.id, sig);
  }
  return sig;
}

function readParams(fn: Node): Param[] {
  const out: Param[] = [];
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p) continue;
    if (p.type === 'identifier') out.push({ name: p.text, node: p });
    else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
      const name = p.childForFieldName('name');
      if (name)
        out.push({
          name: name.text,
          node: p,
          defaultValue: p.childForFieldName('value') ?? undefined,
          type: p.childForFieldName('type') ?? undefined,
        });
    } else if (p.type === 'typed_parameter') {
      const name = p.namedChildren.find((c) => c?.type === 'identifier');
      if (name) out.push({ name: name.text, node: p, type: p.childForFieldName('type') ?? undefined });
    } else if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern') {
      const name = p.namedChildren[0];
      if (name) out.push({ name: name.text, node: p, splat: true });
    }
  }
  return out;
}

function isTensorParam(p: Param): boolean {
  if (p.splat || SETTING.test(p.name)) return false;
  if (p.type && NON_TENSOR_TYPES.test(p.type.text)) return false;
  const d = p.defaultValue?.type;
  if (d && d !== 'none' && d !== 'identifier' && d !== 'attribute' && d !== 'call') return false;
  return true;
}

function isStatic(fn: Node): boolean {
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
  return !!decorated?.namedChildren.some((d) => d?.type === 'decorator' && /staticmethod|classmethod/.test(d.text));
}

/** Binds parameters into the function's environment: from call arguments when inlined, else as activations. */
export function bindParameters(fn: Node, st: FnState, args: Args | undefined, isMethod: boolean): void {
  const sig = signatureOf(fn, st.file.signatures);
  const params = sig.params;
  let first = 0;
  const cls = st.cls;
  if (isMethod && params[0]) {
    const decorated = sig.decorated;
    if (!decorated || sig.classmethod) {
      st.env.set(params[0].name, decorated ? UNKNOWN : { kind: 'self', steps: [] });
      first = 1;
    }
    // autograd.Function.forward(ctx, ...): ctx is not a tensor.
    if (cls?.autogradFunction && decorated) {
      st.env.set(params[0].name, UNKNOWN);
      first = 1;
    }
  }
  const cast = st.region.castArgs;
  for (let k = first; k < params.length; k++) {
    const p = params[k]!;
    const i = k - first;
    let value: Value;
    // `def main(dtype=torch.float16)`: a dtype parameter takes its default where no caller passes one.
    const defaultDtype = p.defaultValue?.type === 'attribute' ? st.run.evalExpr(p.defaultValue, st) : undefined;
    if (defaultDtype?.kind === 'dtype' && !(args && (args.keywords.has(p.name) || (!p.splat && args.positional[i])))) {
      st.env.set(p.name, defaultDtype);
      continue;
    }
    if (args) {
      const arg = args.keywords.get(p.name) ?? (p.splat ? undefined : args.positional[i]);
      // A caller that leaves a flag out gets its default: `def run(fp16=True)` called as `run()`.
      const d = p.defaultValue?.type;
      const flag = d === 'true' || d === 'false' ? { ...SCALAR, constant: d === 'true' } : undefined;
      value = arg ? arg.value : (flag ?? (d && d !== 'none' && d !== 'identifier' ? SCALAR : UNKNOWN));
    } else {
      value = sig.tensor[k]
        ? tensor('input', stepOf(p.node, `${p.name} is an argument: it takes the activation's dtype`))
        : UNKNOWN;
    }
    if (
      value.kind === 'tensor' &&
      fn.childForFieldName('name')?.text === 'forward' &&
      !!st.cls &&
      isGroupNormClass(st.cls, st.file.classes)
    )
      value = {
        ...value,
        d: { ...value.d, 'mmcv-fp16': F32 },
        steps: [
          ...value.steps,
          { line: p.node.startPosition.row, text: `mmcv's fp16 training casts ${p.name} to float32 (GroupNorm)` },
        ],
      };
    if (value.kind === 'tensor' && cast && (cast === 'all' || cast.has(p.name))) {
      const under = st.region.castUnder ?? REGIMES;
      const tensorValue = value;
      const d = perRegime((r) => (under.includes(r) ? F32 : tensorValue.d[r]));
      value = {
        kind: 'tensor',
        d,
        cause: 'cast',
        regionCast: true,
        steps: [{ line: st.region.line ?? p.node.startPosition.row, text: `${st.region.why} casts ${p.name} to float32` }],
      };
    }
    st.env.set(p.name, value);
  }
}
