// A stand-in code rule for tests of the config rules: a conv call inside an autocast-disabled
// region (`with torch.autocast(..., enabled=False)`) whose input was not cast to float32 in the
// region — it breaks under autocast, which is what DG203 links configs to. Registered as X105.

const CONV = /(^|\.)conv[123]d$/;

function enclosingClass(node) {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'class_definition') return n.childForFieldName('name')?.text;
  return undefined;
}

function* descendants(node) {
  for (const child of node.namedChildren) {
    yield child;
    yield* descendants(child);
  }
}

export const fakeAutocastRule = {
  code: 'X105',
  name: 'test-autocast-disabled',
  defaultSeverity: 'warning',
  summary: 'Test stand-in: conv fed a half activation inside an autocast-disabled region.',
  kind: 'code',
  check(ctx) {
    const findings = [];
    for (const node of descendants(ctx.root)) {
      if (node.type !== 'with_statement') continue;
      const clause = node.namedChildren.find((c) => c.type === 'with_clause');
      if (!clause || !/autocast\([^)]*enabled\s*=\s*False/.test(clause.text)) continue;
      const body = node.childForFieldName('body');
      const castInRegion = new Set();
      for (const inner of descendants(body)) {
        if (inner.type === 'assignment' && /\.(float|to)\(/.test(inner.childForFieldName('right')?.text ?? '')) {
          castInRegion.add(inner.childForFieldName('left')?.text);
        }
        if (inner.type !== 'call' || !CONV.test(inner.childForFieldName('function')?.text ?? '')) continue;
        const input = inner.childForFieldName('arguments')?.namedChildren[0];
        if (!input || castInRegion.has(input.text)) continue;
        findings.push({
          code: 'X105',
          severity: 'warning',
          message: `${input.text} is half under autocast but the region runs in float32`,
          range: {
            start: { line: inner.startPosition.row, character: inner.startPosition.column },
            end: { line: inner.endPosition.row, character: inner.endPosition.column },
          },
          fixes: [],
          detail: { regime: 'autocast', regimes: ['autocast'], className: enclosingClass(inner) },
        });
      }
    }
    return findings;
  },
};
