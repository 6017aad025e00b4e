// The full shape of a JS syntax tree, to compare two trees: every node with its type, field, both
// ends (offsets, rows and columns) and error flag.

/**
 * @param {import('../../server/src/analysis/syntax').SyntaxNode} node
 * @returns {string}
 */
export function syntaxShape(node) {
  const p = node.startPosition;
  const e = node.endPosition;
  const head = `${node.type}${node.field ? ':' + node.field : ''}@${node.startIndex}-${node.endIndex}:${p.row}.${p.column}-${e.row}.${e.column}${node.hasError ? '!' : ''}`;
  return [head, ...node.children.map(syntaxShape)].join('\n');
}
