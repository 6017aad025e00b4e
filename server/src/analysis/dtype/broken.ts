/**
 * Decides whether an op call breaks: under which regimes its operands disagree and which operands
 * are to blame. It names no rule: each DG1xx rule decides which broken calls it owns.
 */
import { isTensorOperand, type OpCall, type Operand, type TensorOperand } from './context';
import {
  ACT,
  F16,
  F32,
  F64,
  NO_DTYPE,
  disagree,
  dtypeName,
  isFollower,
  sameUnderAll,
  type Bits,
  type Cause,
  type Regime,
} from './lattice';

/** An op call whose operands disagree: what the model publishes to the DG1xx rules. */
export interface BrokenCall {
  /** The call with its operands (their values carry the origins), region and regimes. */
  call: OpCall;
  /** The regime named in the message: the first that breaks. */
  regime: Regime;
  regimes: Regime[];
  /** The operand the others are measured against (follows the model or the input). */
  reference: TensorOperand;
  /** The operands that disagree with the reference. */
  blamed: TensorOperand[];
  /** Dtype bits of each operand under the named regime. */
  bits: Map<Operand, Bits>;
}

/** Under autocast a covered op casts every operand but float64 to float16 (outside disabled regions). */
function bitsUnder(op: TensorOperand, regime: Regime, call: OpCall): Bits {
  const b = op.value.d[regime] ?? NO_DTYPE;
  if (regime === 'autocast' && !call.custom && call.region.autocast !== 'disabled' && b)
    return b & F64 ? (b & ~F64 ? F16 | F64 : F64) : F16;
  return b;
}

/** The broken call, or undefined when the operands agree under every regime the code runs under. */
export function brokenCall(call: OpCall): BrokenCall | undefined {
  if (call.modelCall) return judgeModelCall(call);
  const operands = call.operands.filter(isTensorOperand);
  if (operands.length < 2) return undefined;
  const breaking: Regime[] = [];
  for (const regime of call.regimes) {
    const bits = operands.map((o) => bitsUnder(o, regime, call));
    if (bits.some((a, x) => bits.some((b, y) => y > x && disagree(a, b)))) breaking.push(regime);
  }
  if (!breaking.length) return undefined;
  const regime = breaking[0]!;
  const bits = new Map(operands.map((o) => [o, bitsUnder(o, regime, call)] as const));
  const { reference, blamed } = blame(operands, bits, call, regime);
  if (!blamed.length) return undefined;
  return { call, regime, regimes: breaking, reference, blamed, bits };
}

/** The reference is a definite follower (the input first); the blamed are those that disagree with it. */
function blame(
  operands: TensorOperand[],
  bits: Map<Operand, Bits>,
  call: OpCall,
  regime: Regime,
): { reference: TensorOperand; blamed: TensorOperand[] } {
  const definite = (o: TensorOperand) => (bits.get(o)! & ~ACT) !== 0;
  // Norm statistics follow the model only under half; the input and module weights always do.
  let candidates = operands.filter((o) => (o.value.cause === 'input' || o.value.cause === 'module') && definite(o));
  candidates.push(...operands.filter((o) => o.value.cause === 'norm' && definite(o)));
  if (regime === 'autocast' && call.custom) {
    // mmcv casts everything to the offset's dtype: the float16 output of an autocast layer.
    const half = operands.filter((o) => bits.get(o) === F16);
    candidates = [...half, ...candidates];
  }
  if (regime === 'autocast' && call.region.autocast === 'disabled') {
    // The weights are float32 and stay so; the half activation is what must change.
    candidates = operands.filter((o) => bits.get(o) === F32 && o.value.cause === 'module').concat(candidates);
  }
  candidates = [...candidates, ...operands.filter(definite)];
  for (const reference of candidates) {
    const blamed = operands.filter((o) => o !== reference && disagree(bits.get(o)!, bits.get(reference)!));
    if (blamed.length) return { reference, blamed };
  }
  return { reference: operands[0]!, blamed: [] };
}

/** A converted model fed an input of another dtype at a script-level call. */
function judgeModelCall(call: OpCall): BrokenCall | undefined {
  const input = call.operands[0];
  const model = call.modelCall!;
  if (!input || !isTensorOperand(input) || isFollower(input.value.cause)) return undefined;
  const bits = input.value.d.half ?? NO_DTYPE;
  if (!disagree(bits, model.modelDtype)) return undefined;
  const modelOperand: TensorOperand = {
    role: 'model',
    text: model.modelText,
    value: {
      kind: 'tensor',
      d: sameUnderAll(model.modelDtype),
      cause: 'module',
      steps:
        model.modelLine !== undefined
          ? [{ line: model.modelLine, text: `${model.modelText} is ${dtypeName(model.modelDtype)}` }]
          : [],
    },
  };
  return {
    call,
    regime: 'half',
    regimes: ['half'],
    reference: modelOperand,
    blamed: [input],
    bits: new Map([
      [input, bits],
      [modelOperand, model.modelDtype],
    ]),
  };
}

/** A model input at a script-level call (`model(x)` after `model.half()`). */
export const isModelInput = (b: BrokenCall): boolean => !!b.call.modelCall;

/**
 * A torch op inside an autocast-disabled region that breaks because the region does not cast:
 * under autocast itself, or through an operand the region's decorator cast (`force_fp32`).
 */
export function inDisabledRegion(b: BrokenCall): boolean {
  const { call } = b;
  if (call.modelCall || call.custom || call.region.autocast !== 'disabled') return false;
  return b.regime === 'autocast' || b.blamed.some((o) => o.value.regionCast);
}

/** A custom op (compiled kernel, autograd Function) that breaks under autocast, which does not cast it. */
export const customUnderAutocast = (b: BrokenCall): boolean => !b.call.modelCall && b.call.custom && b.regime === 'autocast';

/**
 * Why the first blamed operand has its dtype, when neither the kind of call nor its region decides
 * the rule ('none' when the model gave it no cause); undefined when they do.
 */
export function causeOfBreak(b: BrokenCall): Cause | 'none' | undefined {
  if (isModelInput(b) || inDisabledRegion(b) || customUnderAutocast(b)) return undefined;
  return b.blamed[0]!.value.cause ?? 'none';
}

/** A cause that says nothing about a fixed dtype: the blamed operand follows the model, or nobody knows. */
export const followsOrUnknown = (cause: Cause | 'none' | undefined): boolean =>
  cause === 'input' || cause === 'module' || cause === 'none';
