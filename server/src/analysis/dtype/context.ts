/** The state of the abstract interpretation: the file's facts, the function being run, its variables. */
import type { SyntaxNode as Node } from '../syntax';
import type { ImportMap } from '../imports';
import type { ClassFacts } from './classFacts';
import type { Env } from './env';
import type { Args } from './args';
import type { Signature } from './params';
import type { Bits, Regime, TensorValue, Value } from './lattice';
import type { Region } from './regions';
import type { OperandSpec } from '../ops';

export type { Env };

/** One operand of an op call, as the interpreter saw it. */
export interface Operand {
  role: string;
  value: Value;
  /** The argument node, when the operand is written at the call (absent for a module's own weight). */
  node?: Node;
  /** Source text to name the operand by (`self.conv.weight` for a module's own weight). */
  text: string;
}

/** An operand whose value is a tensor: the only kind that takes part in a mismatch. */
export type TensorOperand = Operand & { value: TensorValue };

export const isTensorOperand = (o: Operand): o is TensorOperand => o.value.kind === 'tensor';

/** An op call with its evaluated operands; rules decide whether it breaks. */
export interface OpCall {
  node: Node;
  opName: string;
  custom: boolean;
  /** A call of a layer submodule (`self.conv(x)`) rather than a functional op. */
  layer?: { text: string; family: string; unconverted?: boolean; how?: string; line?: number };
  operands: Operand[];
  region: Region;
  /** The regimes the code runs under here: an explicit autocast region runs only under autocast. */
  regimes: Regime[];
  className?: string;
  functionName?: string;
  /** The script-level model call of DG107. */
  modelCall?: { modelText: string; modelDtype: Bits; modelLine?: number };
}

/** What one entry's run read beyond its own function: checked before its cached result is reused. */
export interface EntryDeps {
  /** Top-level functions looked up by name, with the definition found then (or none). */
  functions: Map<string, Node | undefined>;
  /** Classes looked up by name, with the class node and the statements its facts came from. */
  classes: Map<string, { node: Node; units: Node[] } | undefined>;
}

export interface FileState {
  imports: ImportMap;
  classes: Map<string, ClassFacts>;
  /** Top-level functions by name, for helper summaries. */
  functions: Map<string, Node>;
  /** Called for every op call evaluated with the entry function it was reached from; returns whether it breaks. */
  onOp(call: OpCall, root: number): boolean;
  /** Module-level aliases of an autograd Function's apply (`deform_conv2d = DeformConv2dFunction.apply`): alias → class. */
  applyAliases: Map<string, string>;
  /** Names bound to compiled extension modules (`ext_module = ext_loader.load_ext(...)`): their calls are custom ops. */
  extModules: Set<string>;
  /** Signatures of the functions run, by node id. */
  signatures: Map<number, Signature>;
  /** Results of helpers already run with the same arguments from the same entry. */
  memo: Map<string, Value>;
  /** Functions run inline from a caller in this file: their own stand-alone run is not an entry. */
  called: Set<number>;
  /** Statements left to run in this file: a bound on inlining work for pathological files. */
  budget: number;
  /** Summaries being computed, to stop recursion. */
  active: Set<number>;
  /** The lookups of the entry being run. */
  deps?: EntryDeps;
  /** Told the name of every TENSOR_METHODS row applied (the session's record, for the table's coverage test). */
  methodsApplied: Set<string>;
}

/** The file's top-level function of this name, noted as a dependency of the running entry. */
export function functionNamed(file: FileState, name: string): Node | undefined {
  const fn = file.functions.get(name);
  file.deps?.functions.set(name, fn);
  return fn;
}

/** The file's class of this name, noted as a dependency of the running entry. */
export function classNamed(file: FileState, name: string): ClassFacts | undefined {
  const facts = file.classes.get(name);
  file.deps?.classes.set(name, facts && { node: facts.node, units: facts.units });
  return facts;
}

/**
 * The interpreter's recursion (expression → call → helper → statement), owned by interpret.ts and
 * reached through the state, so that the transfer functions of calls, methods and layers import
 * no evaluator: the runtime import graph stays without cycles.
 */
export interface Interpreter {
  evalExpr(node: Node | null | undefined, st: FnState): Value;
  evalCall(node: Node, st: FnState): Value;
  runHelper(fn: Node, args: Args, caller: FnState, cls: ClassFacts | undefined): Value;
  bind(target: Node, value: Value, st: FnState): void;
  loopItem(iterable: Node | null, st: FnState): Value;
}

export interface FnState {
  run: Interpreter;
  file: FileState;
  cls?: ClassFacts;
  fn: Node;
  env: Env;
  region: Region;
  regimes: Regime[];
  /** The entry function this evaluation started from. */
  root: number;
  /** How many helper calls deep this evaluation is (summaries are inlined up to a limit). */
  depth: number;
  /** The entry is a method of a class (a forward, a helper it calls): its arguments are activations. */
  inModule: boolean;
  returns?: Value;
  /** Expression nesting, to stop on absurdly deep expressions. */
  nesting: number;
}

export type { OperandSpec };

/**
 * Code of a module: a class's method, or a helper one calls (with its activations). Matrix products
 * are judged there; in a free function analysed on its own their operands may be coordinates.
 */
export const inModuleCode = (st: FnState): boolean => !!st.cls || st.inModule;
