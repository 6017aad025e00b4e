/**
 * "Log operand dtypes here": one `logger.debug(...)` line before a conv/linear/matmul/custom-op call
 * with each operand's dtype and shape, through the module's logger (or a new `logging` one).
 * A display-only fix: offered in the light bulb, never applied by fix-all or `--fix`.
 */
import type { SyntaxNode as Node } from '../analysis/syntax';
import { collectImports, qualify, type ImportMap } from '../analysis/imports';
import { collectClasses } from '../analysis/dtype/classFacts';
import { CONV_OPS, CUSTOM_MODULES } from '../analysis/ops';
import { callArgs, dottedName } from '../analysis/nodeHelpers';
import type { Fix, Position, TextEdit } from '../analysis/types';

const MATMUL = new Map([
  ['torch.matmul', ['input', 'other']],
  ['torch.mm', ['input', 'mat2']],
  ['torch.bmm', ['input', 'mat2']],
  ['torch.baddbmm', ['input', 'batch1', 'batch2']],
  ['torch.einsum', ['equation', 'a', 'b']],
]);

interface Operand {
  role: string;
  text: string;
}

/** The operands of a call the action applies to, or undefined for any other call. */
function operandsOf(
  call: Node,
  imports: ImportMap,
  layerAttrs: Map<string, 'layer' | 'custom'>,
): { op: string; operands: Operand[] } | undefined {
  const name = dottedName(call.childForFieldName('function'));
  if (!name) return undefined;
  const q = qualify(name, imports);
  const { positional, keywords } = callArgs(call);
  const pick = (roles: string[], indexOf: (i: number) => number = (i) => i) =>
    roles
      .map((role, i) => ({ role, node: keywords.get(role) ?? positional[indexOf(i)] }))
      .filter((o): o is { role: string; node: Node } => !!o.node && o.role !== 'equation')
      .map((o) => ({ role: o.role, text: o.node.text }));
  const conv = CONV_OPS.get(q);
  if (conv) {
    const operands = conv.operands
      .map((o) => ({ role: o.role, node: keywords.get(o.role) ?? (o.index >= 0 ? positional[o.index] : undefined) }))
      .filter((o): o is { role: string; node: Node } => !!o.node)
      .map((o) => ({ role: o.role, text: o.node.text }));
    return { op: name, operands };
  }
  const mm = MATMUL.get(q);
  if (mm) return { op: name, operands: pick(mm) };
  // self.conv(x): the input, then the layer's own weight and bias.
  const attr = /^self\.(\w+)$/.exec(name)?.[1];
  const family = attr ? layerAttrs.get(attr) : undefined;
  if (family === 'layer' && positional[0])
    return {
      op: name,
      operands: [
        { role: 'input', text: positional[0].text },
        { role: 'weight', text: `getattr(${name}, "weight", None)` },
        { role: 'bias', text: `getattr(${name}, "bias", None)` },
      ],
    };
  // A custom-op module (mmcv's CARAFEPack, DeformConv2d): the arguments it is called with.
  if (family === 'custom') return { op: name, operands: positional.map((p, i) => ({ role: `arg${i}`, text: p.text })) };
  if (CUSTOM_MODULES.has(q)) return { op: name, operands: positional.map((p, i) => ({ role: `arg${i}`, text: p.text })) };
  return undefined;
}

/** `self.x` names that hold a conv/linear layer or a custom-op module, in the class around the call. */
function layerAttributes(call: Node, root: Node, imports: ImportMap): Map<string, 'layer' | 'custom'> {
  let cls: Node | null = call.parent;
  while (cls && cls.type !== 'class_definition') cls = cls.parent;
  const name = cls?.childForFieldName('name')?.text;
  const facts = name ? collectClasses(root, imports).get(name) : undefined;
  const found = new Map<string, 'layer' | 'custom'>();
  for (const [attr, fact] of facts?.attrs ?? []) {
    if (fact.kind !== 'submodule' || !fact.module) continue;
    if (fact.module.family === 'conv' || fact.module.family === 'linear') found.set(attr, 'layer');
    else if (fact.custom) found.set(attr, 'custom');
  }
  return found;
}

interface LoggerUse {
  call: string;
  setup: string[];
  /** print_log takes one message: the arguments are %-formatted into it. */
  printLog?: boolean;
}

const hasLogging = (imports: ImportMap) =>
  [...imports.entries()].some(([local, target]) => local === 'logging' && target === 'logging');

/** The logging call the module already has a logger for, or the lines to add for one. */
function loggerOf(root: Node, imports: ImportMap): LoggerUse {
  for (const unit of root.namedChildren) {
    const a = unit.type === 'expression_statement' ? unit.namedChildren[0] : undefined;
    const left = a?.type === 'assignment' ? a.childForFieldName('left')?.text : undefined;
    const right = a?.childForFieldName('right')?.text ?? '';
    if (left && /^(logger|log|LOGGER|_logger)$/.test(left) && /getLogger|get_logger|MMLogger|get_root_logger/.test(right))
      return { call: `${left}.debug`, setup: [] };
  }
  const local = (pattern: RegExp) => [...imports].find(([, target]) => pattern.test(target))?.[0];
  const mmLogger = local(/^mmengine(\.logging)?\.MMLogger$/);
  if (mmLogger) return { call: `${mmLogger}.get_current_instance().debug`, setup: [] };
  const printLog = local(/^(mmengine(\.logging)?|mmcv(\.utils)?)\.print_log$/);
  if (printLog) return { call: printLog, setup: hasLogging(imports) ? [] : ['import logging'], printLog: true };
  const setup: string[] = [];
  if (!hasLogging(imports)) setup.push('import logging');
  setup.push('', 'logger = logging.getLogger(__name__)');
  return { call: 'logger.debug', setup };
}

/** Where the new logger lines go: after the last top-level import (after a docstring otherwise). */
function setupLine(root: Node): number {
  let line = 0;
  for (const unit of root.namedChildren) {
    if (unit.type === 'import_statement' || unit.type === 'import_from_statement' || unit.type === 'future_import_statement')
      line = unit.endPosition.row + 1;
    else if (line === 0 && unit.type === 'expression_statement' && unit.namedChildren[0]?.type === 'string')
      line = unit.endPosition.row + 1;
  }
  return line;
}

/** The innermost call at a position that the action applies to. */
function callAt(root: Node, offset: number): Node | undefined {
  let node: Node | null = root.descendantForIndex(offset);
  while (node && node.type !== 'call') node = node.parent;
  return node ?? undefined;
}

/** The "Log operand dtypes here" fix for the call at `position`, or undefined when there is none to log. */
export function logDtypesFix(root: Node, position: Position): Fix | undefined {
  const offset = root.source.indexAt({ row: position.line, column: position.character });
  const imports = collectImports(root);
  // The innermost call first, then the calls around it (`F.conv2d(self.pad(x), w)` with the cursor on `self.pad`).
  for (let call = callAt(root, offset); call; call = enclosingCall(call)) {
    const found = operandsOf(call, imports, layerAttributes(call, root, imports));
    if (found?.operands.length) return buildFix(root, imports, call, found);
  }
  return undefined;
}

function enclosingCall(node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'call') return n;
  return undefined;
}

function buildFix(root: Node, imports: ImportMap, call: Node, found: { op: string; operands: Operand[] }): Fix {
  // The statement that holds the call: the line goes before it, at its indentation.
  let stmt: Node = call;
  while (stmt.parent && stmt.parent.type !== 'block' && stmt.parent.type !== 'module') stmt = stmt.parent;
  const row = stmt.startPosition.row;
  const lineText = root.source.text.split('\n')[row] ?? '';
  const indent = /^\s*/.exec(lineText)![0];
  const logger = loggerOf(root, imports);
  const format = found.operands.map((o) => `${o.role} %s %s`).join(', ');
  // getattr: an operand may be None (no bias) or not a tensor.
  const values = found.operands.map((o) => `getattr(${o.text}, "dtype", None), tuple(getattr(${o.text}, "shape", ()))`);
  const message = `"${found.op.replace(/"/g, "'")} operands: ${format}"`;
  const line = logger.printLog
    ? `${indent}${logger.call}(${message} % (${values.join(', ')}), logger="current", level=logging.DEBUG)\n`
    : `${indent}${logger.call}(${message}, ${values.join(', ')})\n`;
  const edits: TextEdit[] = [];
  if (logger.setup.length) {
    const at = setupLine(root);
    edits.push({
      range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } },
      newText: logger.setup.join('\n') + '\n',
    });
  }
  edits.push({ range: { start: { line: row, character: 0 }, end: { line: row, character: 0 } }, newText: line });
  return { title: 'Log operand dtypes here', edits, preferred: false, safe: false, displayOnly: true };
}
