// No module-level mutable state in the analysis core outside the analysis session (session.ts):
// every top-level `let`/`var`, every top-level collection that is written to and every top-level
// object or array literal that is written to must be listed below with the reason it may stay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { typeScriptSources } from '../helpers/sources.mjs';
import ts from 'typescript';

const ROOT = 'server/src/analysis';

/** `file:name` → why this state may live in a module rather than in a session. */
const ALLOWED = new Map([
  ['treeSitter.ts:loading', 'the wasm runtime and grammar load once per process (web-tree-sitter keeps its runtime global)'],
  ['treeSitter.ts:language', 'the loaded grammar: set once, never changed'],
  ['treeSitter.ts:wasmModule', 'the wasm exports of the runtime: set once with it'],
  ['syntax.ts:nextId', 'node ids only need to be unique in the process; a counter holds no file content'],
  ['syntax.ts:NAMES', 'node type and field names by number: grows with the grammars loaded, an entry never changes'],
  ['syntax.ts:NAME_IDS', 'the numbers of those names: the same table read the other way'],
  ['syntax.ts:tablesByLanguage', 'type and field names per grammar object: derived from an immutable Language'],
  ['config/isConfig.ts:matchers', 'compiled glob patterns: a pure function of the pattern text, never stale'],
  ['dtype/model.ts:cache', 'broken calls per syntax tree: derived from the tree alone, gone with it'],
  ['dtype/model.ts:entries', 'per function node, reused only while what the entry read is unchanged; gone with the tree'],
  ['dtype/model.ts:unitFunctions', 'the functions of a top-level statement: derived from the node alone'],
  ['dtype/classFacts.ts:ownFacts', 'the classes of a statement, kept with the imports they were read under'],
  ['dtype/mergeClasses.ts:mergedOf', 'a class merged with its bases, reused only while all of them are the same facts'],
  ['imports.ts:unitImports', 'the imports of a top-level statement: derived from the node alone'],
  ['nodeHelpers.ts:wordOffsets', 'word offsets of one immutable piece text, by its anchor: gone with the tree'],
  ['noqa.ts:pieceHashes', 'where `#` stands before a noqa in one immutable piece text, by its anchor: gone with the tree'],
  [
    'rules/dtypeRule.ts:findingOf',
    'the finding of a broken call, which a kept entry hands out only while nothing it read changed',
  ],
]);

const COLLECTIONS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet']);
const WRITERS = new Set([
  'set',
  'add',
  'delete',
  'clear',
  'push',
  'pop',
  'shift',
  'unshift',
  'splice',
  'sort',
  'reverse',
  'fill',
]);

/** The module-level mutable state of one source text: the names of what is (or may be) written. */
function mutableState(text, fileName = 'x.ts') {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const candidates = new Set();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const list = statement.declarationList;
    const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
    for (const decl of list.declarations) {
      if (!ts.isIdentifier(decl.name)) continue;
      const name = decl.name.text;
      if (!isConst) {
        found.push(name);
        continue;
      }
      const init = decl.initializer && skipOuter(decl.initializer);
      const collection =
        init && ts.isNewExpression(init) && ts.isIdentifier(init.expression) && COLLECTIONS.has(init.expression.text);
      const literal = init && (ts.isObjectLiteralExpression(init) || ts.isArrayLiteralExpression(init));
      if (collection || literal) candidates.add(name);
    }
  }
  const written = new Set();
  const visit = (node) => {
    // X.set(...), X.push(...): a collection or array written through a method
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const target = node.expression.expression;
      if (ts.isIdentifier(target) && candidates.has(target.text) && WRITERS.has(node.expression.name.text))
        written.add(target.text);
    }
    // X.a = ..., X[k] += ..., X.a++: a literal's property written
    const assigned =
      (ts.isBinaryExpression(node) &&
        node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
        node.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
        node.left) ||
      ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
        (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) &&
        node.operand);
    if (assigned && (ts.isPropertyAccessExpression(assigned) || ts.isElementAccessExpression(assigned))) {
      let head = assigned.expression;
      while (ts.isPropertyAccessExpression(head) || ts.isElementAccessExpression(head)) head = head.expression;
      if (ts.isIdentifier(head) && candidates.has(head.text)) written.add(head.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...found, ...[...candidates].filter((n) => written.has(n))];
}

function skipOuter(node) {
  while (ts.isAsExpression(node) || ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
  return node;
}

test('the detector finds a top-level let, a written collection and a written literal, and leaves tables alone', () => {
  const text = [
    'let generation = 0;',
    'const cache = new Map<string, number>();',
    'export const counts = { run: 0 };',
    'const TABLE = new Set(["a", "b"]);',
    'const NAMES = ["x"] as const;',
    'const seen = new WeakMap<object, number>();',
    'export function f(k: object) { cache.set("a", 1); counts.run++; seen.set(k, 1); return TABLE.has("a") && NAMES[0]; }',
  ].join('\n');
  assert.deepEqual(mutableState(text).sort(), ['cache', 'counts', 'generation', 'seen']);
});

test('no module-level mutable state in the analysis core outside the session, but what is listed with a reason', () => {
  const found = [];
  for (const file of typeScriptSources(ROOT)) {
    const rel = path.relative(ROOT, file).split(path.sep).join('/');
    if (rel === 'session.ts') continue;
    for (const name of mutableState(readFileSync(file, 'utf8'), file)) found.push(`${rel}:${name}`);
  }
  const unlisted = found.filter((key) => !ALLOWED.has(key));
  assert.deepEqual(
    unlisted,
    [],
    'module-level state belongs in the analysis session (session.ts), or in the list with its reason',
  );
  const stale = [...ALLOWED.keys()].filter((key) => !found.includes(key));
  assert.deepEqual(stale, [], 'listed state that no longer exists: remove it from the list');
});
