/**
 * DG101 fresh-float-tensor: a tensor created in `forward` with the default dtype (float32) reaches
 * a conv/linear operand while the input follows the model's dtype, so `model.half()` breaks the call.
 */
import type { Node } from 'web-tree-sitter';
import type { Rule, RuleContext } from '../rule';
import type { Finding, Fix } from '../types';
import { qualify } from '../imports';
import { CONV_OPS } from '../ops';
import { callArgs, dottedName, forEachNamed, rangeOf, receiverText } from '../tree';

const CREATORS = new Set(['torch.zeros', 'torch.ones', 'torch.empty', 'torch.full', 'torch.rand', 'torch.randn']);

export const dg101: Rule = {
  code: 'DG101',
  name: 'fresh-float-tensor',
  defaultSeverity: 'warning',
  summary: 'A tensor created with the default dtype reaches a conv/linear operand that follows the model dtype.',
  kind: 'code',
  check(ctx) {
    const findings: Finding[] = [];
    forEachNamed(ctx.root, (node) => {
      if (node.type !== 'function_definition') return;
      if (node.childForFieldName('name')?.text === 'forward') checkForward(node, ctx, findings);
      return false;
    });
    return findings;
  },
};

/** Local names bound to a default-dtype creation call in this function: name → creation line. */
function freshTensors(fn: Node, ctx: RuleContext): Map<string, Node> {
  const fresh = new Map<string, Node>();
  forEachNamed(fn, (node) => {
    if (node !== fn && node.type === 'function_definition') return false;
    if (node.type !== 'assignment') return true;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (left?.type !== 'identifier' || right?.type !== 'call') return true;
    const name = dottedName(right.childForFieldName('function'));
    if (name && CREATORS.has(qualify(name, ctx.imports)) && !callArgs(right).keywords.has('dtype')) {
      fresh.set(left.text, right);
    } else {
      fresh.delete(left.text);
    }
    return true;
  });
  return fresh;
}

function checkForward(fn: Node, ctx: RuleContext, findings: Finding[]): void {
  const fresh = freshTensors(fn, ctx);
  if (fresh.size === 0) return;
  forEachNamed(fn, (node) => {
    if (node.type !== 'call') return;
    const name = dottedName(node.childForFieldName('function'));
    const op = name ? CONV_OPS.get(qualify(name, ctx.imports)) : undefined;
    if (!op) return;
    const { positional, keywords } = callArgs(node);
    const input = positional[0] ?? keywords.get('input');
    const bias = positional[2] ?? keywords.get('bias');
    if (!input || bias?.type !== 'identifier') return;
    const created = fresh.get(bias.text);
    if (!created) return;
    findings.push({
      code: 'DG101',
      severity: 'warning',
      message:
        `${bias.text} is float32 (created by \`${created.childForFieldName('function')?.text}(...)\` on line ` +
        `${created.startPosition.row + 1} without dtype=) while ${input.text} follows the model's dtype ` +
        `(float16 after model.half())`,
      range: rangeOf(node),
      fixes: [castAtCall(bias, input)],
      detail: { regime: 'half', regimes: ['half', 'mmcv-fp16'] },
    });
  });
}

function castAtCall(operand: Node, input: Node): Fix {
  const newText = `${receiverText(operand)}.to(${receiverText(input)}.dtype)`;
  return {
    title: `Cast ${operand.text} to ${receiverText(input)}.dtype`,
    edits: [{ range: rangeOf(operand), newText }],
    preferred: true,
    safe: true,
  };
}
