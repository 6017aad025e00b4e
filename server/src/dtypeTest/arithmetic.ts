/** A small evaluator of the integer arithmetic `__init__` does with its arguments (`channels * 2`, `dim // heads`). */
import type { SyntaxNode as Node } from '../analysis/syntax';

/** Names (`channels`, `self.mid`) bound to numbers. */
export type Env = Map<string, number>;

/** The number an expression evaluates to, or undefined when it is not plain arithmetic over known names. */
export function evaluate(node: Node | null | undefined, env: Env): number | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'integer':
      return /^\d+$/.test(node.text) ? Number(node.text) : undefined;
    case 'float':
      return Number(node.text);
    case 'identifier':
    case 'attribute':
      return env.get(node.text);
    case 'parenthesized_expression':
      return evaluate(node.namedChildren[0], env);
    case 'unary_operator': {
      const v = evaluate(node.childForFieldName('argument'), env);
      return v === undefined ? undefined : node.text.startsWith('-') ? -v : v;
    }
    case 'binary_operator': {
      const l = evaluate(node.childForFieldName('left'), env);
      const r = evaluate(node.childForFieldName('right'), env);
      const op = node.childForFieldName('operator')?.text;
      if (l === undefined || r === undefined) return undefined;
      if (op === '+') return l + r;
      if (op === '-') return l - r;
      if (op === '*') return l * r;
      if (op === '//') return r === 0 ? undefined : Math.floor(l / r);
      if (op === '/') return r === 0 ? undefined : l / r;
      return undefined;
    }
    case 'call': {
      // int(x), max(a, b), min(a, b)
      const fn = node.childForFieldName('function')?.text;
      const args = (node.childForFieldName('arguments')?.namedChildren ?? []).map((a) => evaluate(a, env));
      if (args.some((a) => a === undefined)) return undefined;
      const nums = args as number[];
      if (fn === 'int' && nums.length === 1) return Math.trunc(nums[0]!);
      if (fn === 'max' && nums.length) return Math.max(...nums);
      if (fn === 'min' && nums.length) return Math.min(...nums);
      return undefined;
    }
    case 'tuple':
    case 'list':
      // kernel_size=(3, 3): the first entry stands for the size.
      return evaluate(node.namedChildren[0], env);
    default:
      return undefined;
  }
}

/** The identifiers an expression reads (`channels * 2` → channels). */
export function namesIn(node: Node, out: string[] = []): string[] {
  if (node.type === 'identifier') out.push(node.text);
  else if (node.type === 'binary_operator' || node.type === 'parenthesized_expression' || node.type === 'unary_operator')
    for (const c of node.namedChildren) namesIn(c, out);
  return out;
}
