/** Records op calls (functional ops, layer calls, custom ops, model calls) with their operands. */
import type { SyntaxNode as Node } from '../syntax';
import type { OpSignature } from '../ops';
import { argFor, type Args } from './args';
import { classNamed, type FnState, type OpCall, type Operand } from './context';
import {
  BY_CAUSE,
  F16,
  LAYER_OUT,
  UNKNOWN,
  stepOf,
  tensor,
  underAutocast,
  withStep,
  type ModelValue,
  type SubmoduleInfo,
  type Value,
} from './lattice';
import { isGroupNormClass } from './classFacts';
import { kernelContract } from '../kernelContracts';
import { islandRegimes } from './island';

function emit(call: Omit<OpCall, 'region' | 'regimes' | 'className' | 'functionName'>, st: FnState): boolean {
  const full: OpCall = {
    ...call,
    region: st.region,
    regimes: islandRegimes(call.operands, st),
    className: st.cls?.name,
    functionName: st.fn.childForFieldName('name')?.text,
  };
  return st.file.onOp(full, st.root);
}

/** The value an op returns: the input's dtype (autocast casts covered ops to float16). */
function output(known: Value | undefined, broke: boolean, covered: boolean, st: FnState, node: Node, weight?: Value): Value {
  // After a reported break the dtype downstream is the error's, not the code's: report nothing more.
  if (broke) return UNKNOWN;
  // `conv2d(padded, kernel)` with a `padded` we know nothing about: if it runs, it has the kernel's dtype.
  const input = known?.kind === 'tensor' ? known : weight?.kind === 'tensor' && !weight.boolMask ? weight : undefined;
  if (!input) return tensor('module', stepOf(node), LAYER_OUT);
  if (covered && st.region.autocast !== 'disabled')
    return withStep({ ...input, d: underAutocast(input.d, LAYER_OUT.autocast) }, stepOf(node));
  return withStep(input, stepOf(node));
}

export function recordOp(node: Node, opName: string, sig: OpSignature, args: Args, st: FnState): Value {
  const operands: Operand[] = [];
  for (const spec of sig.operands) {
    const arg = argFor(args, spec.index, spec.role);
    if (!arg) continue;
    const value =
      spec.covered && arg.value.kind === 'tensor'
        ? { ...arg.value, d: underAutocast(arg.value.d, LAYER_OUT.autocast) }
        : arg.value;
    operands.push({ role: spec.role, value, node: arg.node, text: arg.node.text });
  }
  // A callee that casts its operands to one of them cannot meet a mismatch; its output has that dtype.
  const castTo = sig.castsTo ? operands.find((o) => o.role === sig.castsTo) : undefined;
  if (sig.castsTo) return castTo?.value.kind === 'tensor' ? withStep(castTo.value, stepOf(node)) : UNKNOWN;
  const broke = emit({ node, opName, custom: !!sig.custom, operands }, st);
  const input = operands.find((o) => o.role === 'input' || o.role === 'features');
  const weight = operands.find((o) => o.role === 'weight');
  return output(input?.value, broke, !sig.custom, st, node, weight?.value);
}

/** `self.conv(x)`: the input meets the layer's own weight. */
export function recordLayerCall(node: Node, module: SubmoduleInfo, args: Args, st: FnState, text: string): Value {
  const first = args.positional[0];
  const local = module.className && !module.unconverted ? classNamed(st.file, module.className) : undefined;
  const forward = local?.methods.get('forward');
  if (local && forward) {
    const out = st.run.runHelper(forward, args, st, local);
    // mmcv's fp16 training casts a GroupNorm's output back to half (see isGroupNormClass).
    return out.kind === 'tensor' && isGroupNormClass(local, st.file.classes)
      ? { ...out, d: { ...out.d, 'mmcv-fp16': F16 } }
      : out;
  }
  if (local?.baseParams === 'param') module = { ...module, family: 'conv' };
  // Dropout, activations, pooling: a float32 activation stays float32 through them.
  if (module.keepsDtype && first?.value.kind === 'tensor') return withStep(first.value, stepOf(node));
  if (module.family === 'norm' || (module.fp32Out && module.family !== 'container')) {
    if (first?.value.kind !== 'tensor') return UNKNOWN;
    return module.fp32Out && st.region.autocast !== 'disabled'
      ? withStep({ ...first.value, d: underAutocast(first.value.d, BY_CAUSE.fresh.autocast) }, stepOf(node))
      : first.value;
  }
  const spec = module.custom;
  const customOp = !!spec && !spec.covered;
  const isOp =
    spec || module.family === 'conv' || module.family === 'linear' || module.family === 'container' || module.unconverted;
  if (!isOp || !first) return tensor('module', stepOf(node), module.family === 'custom' ? BY_CAUSE.input : LAYER_OUT);
  const own = (role: string): Operand => {
    const why = module.unconverted
      ? stepOf(node, `${module.text} ${module.how ?? 'is not converted'}`)
      : stepOf(node, `${text}.${role}`);
    if (spec?.ownIsLayerOutput)
      return {
        role,
        value: tensor('module', stepOf(node, `${text} computes its ${role} with its own layers`), LAYER_OUT),
        text: `${text}.${role}`,
      };
    return { role, value: tensor(module.unconverted ? 'unconverted' : 'module', why), text: `${text}.${role}` };
  };
  if (spec?.castsTo) {
    const to = argFor(args, spec.args.indexOf(spec.castsTo), spec.castsTo)?.value;
    return to?.kind === 'tensor' ? withStep(to, stepOf(node)) : UNKNOWN;
  }
  const operands: Operand[] = [];
  if (spec) {
    spec.args.forEach((role, i) => {
      const arg = argFor(args, i, role);
      if (arg) operands.push({ role, value: arg.value, node: arg.node, text: arg.node.text });
    });
    spec.own.forEach((role) => operands.push(own(role)));
  } else {
    operands.push({ role: 'input', value: first.value, node: first.node, text: first.node.text }, own('weight'));
  }
  const layer = { text, family: module.family, unconverted: module.unconverted, how: module.how, line: module.line };
  const broke = emit({ node, opName: text, custom: customOp, layer, operands }, st);
  const out = output(first.value, broke, !customOp, st, node);
  return module.fp32Out && out.kind === 'tensor' && st.region.autocast !== 'disabled'
    ? { ...out, d: underAutocast(out.d, BY_CAUSE.fresh.autocast) }
    : out;
}

/**
 * A kernel of a compiled extension (`ext_module.knn_forward(...)`), judged only against its
 * contract: the tensors it must receive with the dispatch tensor's scalar type are compared among
 * themselves. Fixed-type arguments (float32 statistics, int indices) and kernels without a known
 * contract give no finding.
 */
export function recordExtension(node: Node, args: Args, st: FnState): Value {
  const fn = node.childForFieldName('function');
  const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  const contract = name ? kernelContract(name) : undefined;
  if (!contract || args.splat) return UNKNOWN;
  const operands: Operand[] = [];
  contract.params.forEach((param, i) => {
    if (contract.rules[param] !== 'same') return;
    const arg = argFor(args, i, param);
    if (arg && arg.value.kind === 'tensor' && !arg.value.boolMask)
      operands.push({ role: param.replace(/_tensor$/, ''), value: arg.value, node: arg.node, text: arg.node.text });
  });
  if (operands.length > 1) emit({ node, opName: fn?.text ?? 'extension op', custom: true, operands }, st);
  return UNKNOWN;
}

/** Script level `model(x)`: the input against the dtype the model was converted to (DG107). */
export function recordModelCall(node: Node, model: ModelValue, text: string, args: Args, st: FnState): Value {
  const cls = model.module?.className ? classNamed(st.file, model.module.className) : undefined;
  const call = cls?.methods.get('__call__');
  if (cls && call && !cls.methods.has('forward')) return st.run.runHelper(call, args, st, cls);
  const first = args.positional[0];
  if (first?.value.kind === 'tensor' && model.modelDtype) {
    const modelLine = model.steps[model.steps.length - 1]?.line;
    emit(
      {
        node,
        opName: text,
        custom: false,
        operands: [{ role: 'input', value: first.value, node: first.node, text: first.node.text }],
        modelCall: { modelText: text, modelDtype: model.modelDtype, modelLine },
      },
      st,
    );
  }
  return UNKNOWN;
}
