/**
 * DG103 unconverted-tensor: A plain tensor attribute, parameters in a Python list, a submodule outside the module tree, or a layer created in `forward` stays float32 when the model is converted.
 * Docs: docs/rules/DG103.md; fixtures: test/fixtures/code/dg103_*.py.
 */
import { causeOfBreak, type BrokenCall } from '../dtype/broken';
import { castFixes, edit, preferFirst, torchNn } from '../dtype/fixes';
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
  return [
    {
      title: `Register ${left.text} as a buffer so .half() converts it`,
      edits: [edit(statement, `self.register_buffer('${m[1]}', ${right.text}, persistent=False)`)],
      preferred: true,
      // Every other use of the attribute sees the change too (a kernel may want it float32).
      safe: false,
    },
  ];
}
