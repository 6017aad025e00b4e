/** A read-only view of the dtype model for `explain`: the op calls on one line, with what is known of each operand. */
import { applyAliasesOf } from './model';
import { collectImports } from '../imports';
import type { SyntaxNode as Node } from '../syntax';
import { rangeOf } from '../nodeHelpers';
import type { Range } from '../types';
import { collectClasses, type ClassFacts } from './classFacts';
import type { FileState, OpCall } from './context';
import { analyzeFunction, analyzeModule } from './interpret';
import { brokenCall } from './broken';
import { REGIMES, causeOf, dtypeName, dtypesOf, type Cause, type Regime } from './lattice';

export interface OperandView {
  role: string;
  text: string;
  /** Where the operand is written at the call; absent for a layer's own weight (`self.conv.weight`). */
  range?: Range;
  /** Whether the model knows the operand is a tensor (an unknown value has no dtype to tell). */
  isTensor: boolean;
  cause?: Cause;
  /** Dtypes by regime, as the model sees them ('unknown' when it does not know). */
  dtypes: Record<Regime, string>;
  /** How the dtype came about, first step first (0-based lines). */
  steps: { line: number; text: string }[];
}

export interface CallView {
  opName: string;
  range: Range;
  /** A call of a layer submodule (`self.conv(x)`) rather than a functional op. */
  layer?: string;
  custom: boolean;
  operands: OperandView[];
}

/** Statements one entry may run here: as generous as the model's floor, since only one file is run. */
const BUDGET = 20_000;

/**
 * Every op call the model evaluates whose text covers `line` (0-based), outermost first. The model
 * runs as for findings (the same test decides what breaks, so what it evaluates is the same);
 * compiled extension modules are not looked up, so their kernels are not listed.
 */
export function callsOnLine(root: Node, line: number): CallView[] {
  const imports = collectImports(root);
  const classes = collectClasses(root, imports);
  const functions = new Map<string, Node>();
  for (const child of root.namedChildren) {
    const fn = child?.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
    const name = fn?.type === 'function_definition' ? fn.childForFieldName('name')?.text : undefined;
    if (fn && name) functions.set(name, fn);
  }
  const seen = new Map<number, OpCall>();
  const file: FileState = {
    imports,
    classes,
    functions,
    active: new Set(),
    called: new Set(),
    memo: new Map(),
    signatures: new Map(),
    applyAliases: applyAliasesOf(root),
    extModules: new Set(),
    budget: BUDGET,
    // explain's own run: not part of any session's record
    methodsApplied: new Set(),
    onOp(call) {
      const { start, end } = rangeOf(call.node);
      if (start.line <= line && line <= end.line && !seen.has(call.node.id)) seen.set(call.node.id, call);
      // the same answer the findings' run gives, so the walk downstream is the same
      return !!brokenCall(call);
    },
  };
  for (const { fn, cls } of functionsOf(root, classes)) {
    file.budget = BUDGET;
    file.memo = new Map();
    analyzeFunction(fn, cls, file);
  }
  file.budget = BUDGET;
  analyzeModule(root, file);
  return [...seen.values()]
    .map(viewOf)
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function viewOf(call: OpCall): CallView {
  return {
    opName: call.opName,
    range: rangeOf(call.node),
    layer: call.layer?.text,
    custom: call.custom,
    operands: call.operands.map((o) => ({
      role: o.role,
      text: o.text,
      range: o.node ? rangeOf(o.node) : undefined,
      isTensor: o.value.kind === 'tensor',
      cause: causeOf(o.value),
      dtypes: Object.fromEntries(REGIMES.map((r) => [r, dtypeName(dtypesOf(o.value)[r])])) as Record<Regime, string>,
      steps: o.value.steps.map((s) => ({ line: s.line, text: s.text })),
    })),
  };
}

/** Every function definition with the class whose body holds it directly. */
function functionsOf(root: Node, classes: Map<string, ClassFacts>): { fn: Node; cls?: ClassFacts }[] {
  const out: { fn: Node; cls?: ClassFacts }[] = [];
  const stack: { node: Node; cls?: ClassFacts }[] = [{ node: root }];
  while (stack.length) {
    const { node, cls } = stack.pop()!;
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'function_definition') {
        out.push({ fn: child, cls });
        stack.push({ node: child });
      } else if (child.type === 'class_definition') {
        const facts = classes.get(child.childForFieldName('name')?.text ?? '');
        const body = child.childForFieldName('body');
        if (body) stack.push({ node: body, cls: facts?.node === child ? facts : undefined });
      } else if (child.type === 'decorated_definition' || child.type === 'block') stack.push({ node: child, cls });
      else if (child.namedChildren.length) stack.push({ node: child });
    }
  }
  return out;
}
