/** A call's arguments, evaluated once: positional and keyword values beside their nodes. */
import type { SyntaxNode as Node } from '../syntax';
import type { FnState } from './context';
import type { Value } from './lattice';

export interface Arg {
  node: Node;
  value: Value;
}

export interface Args {
  positional: Arg[];
  keywords: ReadonlyMap<string, Arg>;
  /** `*args` or `**kwargs` present: positions after it are unknown. */
  splat: boolean;
}

/** The keywords of the many calls that pass none. */
const NO_KEYWORDS: ReadonlyMap<string, Arg> = new Map();

export function evalArgs(call: Node, st: FnState): Args {
  const positional: Arg[] = [];
  let keywords: Map<string, Arg> | undefined;
  let splat = false;
  const list = call.childForFieldName('arguments');
  // `sum(w * f for w, f in pairs)`: the generator is the call's only argument.
  if (list?.type === 'generator_expression')
    return { positional: [{ node: list, value: st.run.evalExpr(list, st) }], keywords: NO_KEYWORDS, splat };
  for (const arg of list?.namedChildren ?? []) {
    if (!arg || arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name');
      const value = arg.childForFieldName('value');
      if (name && value) (keywords ??= new Map()).set(name.text, { node: value, value: st.run.evalExpr(value, st) });
    } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') {
      splat = true;
      st.run.evalExpr(arg.namedChildren[0], st);
    } else {
      positional.push({ node: arg, value: st.run.evalExpr(arg, st) });
    }
  }
  return { positional, keywords: keywords ?? NO_KEYWORDS, splat };
}

/** The argument passed for a parameter, by position or by name. */
export function argFor(args: Args, index: number, name: string): Arg | undefined {
  return args.keywords.get(name) ?? (index >= 0 ? args.positional[index] : undefined);
}
