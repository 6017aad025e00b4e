/**
 * DG103 unconverted-tensor: A plain tensor attribute, parameters in a Python list, a submodule outside the module tree, or a layer created in `forward` stays float32 when the model is converted.
 * Docs: docs/rules/DG103.md; fixtures: test/fixtures/code/dg103_*.py.
 */
import { causeOfBreak, type BrokenCall } from '../dtype/broken';
import { castFixes, edit, preferFirst, torchNn } from '../dtype/fixBuilders';
import { mismatchUnderRegime } from '../dtype/message';
import type { ImportMap } from '../imports';
import type { Fix } from '../types';
import { dtypeRule } from './dtypeRule';

export const dg103 = dtypeRule({
  code: 'DG103',
  name: 'unconverted-tensor',
  summary: 'An operand is a tensor or layer that .half() / .to() do not convert.',
  /** The blamed operand is kept out of the module tree, so converting the model skips it. */
  owns: (b: BrokenCall) => causeOfBreak(b) === 'unconverted',
  message: mismatchUnderRegime,
  fixes: (b, imports) => preferFirst([...registerFix(b, imports), ...castFixes(b)]),
});

/** Registers the plain tensor as a buffer (or wraps the plain list) where it is defined; unsafe, as it changes every use. */
function registerFix(b: BrokenCall, imports: ImportMap): Fix[] {
  const statement = b.blamed[0]?.value.origin;
  if (statement?.type !== 'assignment') return [];
  const left = statement.childForFieldName('left');
  const right = statement.childForFieldName('right');
  const m = left && /^self\.(\w+)$/.exec(left.text);
  if (!m || !right) return [];
  const nn = torchNn(imports);
  const container =
    right.type === 'list' || right.type === 'list_comprehension'
      ? 'ParameterList'
      : right.type === 'dictionary' || right.type === 'dictionary_comprehension'
        ? 'ParameterDict'
        : undefined;
  if (container) {
    return [
      {
        title: `Keep ${left.text} in ${nn}.${container} so .half() converts it`,
        edits: [edit(right, `${nn}.${container}(${right.text})`)],
        preferred: true,
        safe: false,
      },
    ];
  }
  // Every blamed plain tensor is registered (`F.group_norm(x, g, self.gn_weight, self.gn_bias)`), so that the fix settles.
  const plain = [statement, ...b.blamed.slice(1).map((o) => o.value.origin)].filter(
    (st, i, all): st is NonNullable<typeof st> => !!st && st.type === 'assignment' && all.indexOf(st) === i,
  );
  const targets = plain.flatMap((st) => {
    const name = /^self\.(\w+)$/.exec(st.childForFieldName('left')?.text ?? '')?.[1];
    const value = st.childForFieldName('right');
    return name && value && value.type !== 'list' && value.type !== 'dictionary' && !value.type.endsWith('comprehension')
      ? [{ st, name, value }]
      : [];
  });
  const names = targets.map((t) => `self.${t.name}`);
  return [
    {
      title:
        targets.length > 1
          ? `Register ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} as buffers so .half() converts them`
          : `Register ${left.text} as a buffer so .half() converts it`,
      edits: targets.map((t) => edit(t.st, `self.register_buffer('${t.name}', ${t.value.text}, persistent=False)`)),
      preferred: true,
      // Every other use of the attribute sees the change too (a kernel may want it float32).
      safe: false,
    },
  ];
}
