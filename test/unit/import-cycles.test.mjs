// The runtime import graph of server/src, as esbuild bundles it (type-only imports are gone): no
// cycle, and the interpreter alone reaches the evaluators of expressions and calls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { typeScriptSources } from '../helpers/sources.mjs';
import { build } from 'esbuild';

/** Module → the modules of server/src it imports at run time. */
async function runtimeGraph() {
  const result = await build({
    entryPoints: typeScriptSources('server/src'),
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    write: false,
    metafile: true,
    outdir: 'out',
    logLevel: 'silent',
  });
  const graph = new Map();
  for (const [file, info] of Object.entries(result.metafile.inputs)) {
    if (file.startsWith('server/src/'))
      graph.set(
        file,
        info.imports.map((i) => i.path).filter((p) => p.startsWith('server/src/')),
      );
  }
  return graph;
}

/** The strongly connected components of more than one module, or of one that imports itself (Tarjan). */
function cycles(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

test('the cycle finder finds a ring and passes a tree', () => {
  const ring = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']],
    ['d', ['a']],
  ]);
  assert.deepEqual(cycles(ring), [['a', 'b', 'c']]);
  assert.deepEqual(
    cycles(
      new Map([
        ['a', ['b', 'c']],
        ['b', ['c']],
        ['c', []],
      ]),
    ),
    [],
  );
});

test('no runtime import cycle in server/src', async () => {
  const graph = await runtimeGraph();
  assert.ok(graph.has('server/src/analysis/dtype/interpret.ts') && graph.size > 100, `only ${graph.size} modules read`);
  assert.deepEqual(cycles(graph), []);
});

test('only the interpreter imports the evaluators of expressions and calls; the transfer functions import none', async () => {
  const graph = await runtimeGraph();
  const evaluators = ['server/src/analysis/dtype/exprs.ts', 'server/src/analysis/dtype/calls.ts'];
  const importers = [...graph].filter(([, deps]) => deps.some((d) => evaluators.includes(d))).map(([file]) => file);
  assert.deepEqual(importers.sort(), ['server/src/analysis/dtype/interpret.ts']);
});
