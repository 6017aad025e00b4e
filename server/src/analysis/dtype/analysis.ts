/** Runs the dtype model once per file and turns broken op calls into findings, shared by DG101–DG107. */
import type { Node, Tree } from 'web-tree-sitter';
import type { RuleContext } from '../rule';
import { rangeOf } from '../tree';
import type { Finding } from '../types';
import { collectClasses, type ClassFacts } from './classFacts';
import type { FileState } from './context';
import { fixesFor } from './fixes';
import { analyzeFunction, analyzeModule } from './interpret';
import { judge } from './judge';
import { detailOf, messageOf } from './message';

const cache = new WeakMap<Tree, Finding[]>();

/** Statements the interpreter may run per file, inlined helpers included. */
const BUDGET = 200_000;

/** Every dtype finding of the file (all DG1xx codes), computed once per tree. */
export function dtypeFindings(ctx: RuleContext): Finding[] {
  const cached = cache.get(ctx.tree);
  if (cached) return cached;
  // A failure is reported once (by the first rule that asks); the other rules then find nothing.
  cache.set(ctx.tree, []);
  const findings = run(ctx);
  cache.set(ctx.tree, findings);
  return findings;
}

/** Severity per code lives with the rules; the registry fills it in (warning until then). */
/** Words without which no DG1xx finding is possible: files lacking all of them are skipped unread. */
const RELEVANT =
  /conv|linear|addmm|deform|carafe|masked|Sparse|SubM|_ext\b|load_ext|\.apply\(|Linear|Conv|jit\.trace|onnx|Sequential/;

function run(ctx: RuleContext): Finding[] {
  if (!RELEVANT.test(ctx.source)) return [];
  // Per op call, the findings of each entry it was reached from (a callee's own run is not an entry).
  const found = new Map<number, { root: number; finding: Finding }[]>();
  const classes = collectClasses(ctx.root, ctx.imports);
  const functions = new Map<string, Node>();
  for (const child of ctx.root.namedChildren) {
    const fn = child?.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
    const name = fn?.type === 'function_definition' ? fn.childForFieldName('name')?.text : undefined;
    if (fn && name) functions.set(name, fn);
  }
  const file: FileState = {
    source: ctx.source,
    imports: ctx.imports,
    classes,
    functions,
    calls: new Map(),
    active: new Set(),
    called: new Set(),
    memo: new Map(),
    extModules: extensionModules(ctx.root),
    budget: BUDGET,
    onOp(call, root) {
      const verdict = judge(call);
      if (!verdict) return false;
      const list = found.get(call.node.id) ?? [];
      if (list.some((f) => f.root === root)) return true;
      found.set(call.node.id, list);
      list.push({
        root,
        finding: {
          code: verdict.code,
          severity: 'warning',
          message: messageOf(call, verdict),
          range: rangeOf(call.node),
          fixes: fixesFor(call, verdict, ctx.imports),
          detail: detailOf(call, verdict),
        },
      });
      return true;
    },
  };
  for (const { fn, cls } of allFunctions(ctx.root, classes)) analyzeFunction(fn, cls, file);
  analyzeModule(ctx.root, file);
  const findings: Finding[] = [];
  for (const list of found.values()) {
    const kept = list.find((f) => !file.called.has(f.root));
    if (kept) findings.push(kept.finding);
  }
  return findings;
}

/** Top-level names of compiled extensions: `ext_module = ext_loader.load_ext(...)`, `from . import _C`. */
function extensionModules(root: Node): Set<string> {
  const names = new Set<string>();
  for (const stmt of root.namedChildren) {
    if (stmt?.type === 'expression_statement') {
      const a = stmt.namedChildren[0];
      const right = a?.type === 'assignment' ? a.childForFieldName('right') : null;
      const left = a?.childForFieldName('left');
      if (
        right?.type === 'call' &&
        left?.type === 'identifier' &&
        /load_ext|cpp_extension\.load|load_inline/.test(right.childForFieldName('function')?.text ?? '')
      )
        names.add(left.text);
    } else if (stmt?.type === 'import_from_statement' || stmt?.type === 'import_statement') {
      for (const m of stmt.text.matchAll(/\b(\w*_ext|_C)\b(?!\.)/g))
        if (!/^import$|^from$/.test(m[1]!)) names.add(stmt.text.includes(` as `) ? m[1]! : m[1]!);
    }
  }
  return names;
}

/** Every function definition with the class whose body holds it directly. */
function allFunctions(root: Node, classes: Map<string, ClassFacts>): { fn: Node; cls?: ClassFacts }[] {
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
        const name = child.childForFieldName('name')?.text;
        const facts = name ? classes.get(name) : undefined;
        const body = child.childForFieldName('body');
        if (body) stack.push({ node: body, cls: facts?.node.id === child.id ? facts : undefined });
      } else if (child.type !== 'string' && child.type !== 'comment') {
        stack.push({ node: child, cls: child.type === 'decorated_definition' || child.type === 'block' ? cls : undefined });
      }
    }
  }
  return out;
}
