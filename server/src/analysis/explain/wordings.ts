/**
 * The wordings PyTorch uses for a dtype mismatch between the operands of one call, and what each
 * says: which operands (by the kernel's names for them), their dtypes, and which one is blamed.
 */

/** One operand as an error names it: `weight`, `mat2`, `source`... and its dtype as printed. */
export interface NamedOperand {
  role?: string;
  dtype?: string;
}

export interface Mismatch {
  /** Which wording matched (`conv`, `scalar-type`, ...). */
  wording: string;
  /** The operand the others are measured against, then the one the error blames. */
  reference: NamedOperand;
  blamed: NamedOperand;
  /** The error names two operands without saying which is wrong (`mat1 and mat2 must have the same dtype`). */
  ambiguous?: boolean;
  /** The matched text, from the wording's first word. */
  text: string;
}

interface Wording {
  id: string;
  pattern: RegExp;
  read(m: RegExpExecArray): Omit<Mismatch, 'wording' | 'text'>;
}

// A dtype as printed: `torch.cuda.HalfTensor`, `struct c10::Half`, `CPUBFloat16Type`, `float`.
const T = String.raw`([\w.: ]+?)`;

/** Most specific first: the first pattern that matches a line decides. */
const WORDINGS: Wording[] = [
  {
    // CUDA and cuDNN: `Input type (torch.cuda.HalfTensor) and weight type (torch.cuda.FloatTensor) should be the same`;
    // c10 names on CUDA/XPU/CPU (`(c10::Half) and bias type (float)`, `struct c10::Half` from MSVC builds);
    // CPU adds `or input should be a MKLDNN tensor and weight is a dense tensor`.
    id: 'conv',
    pattern: new RegExp(String.raw`Input type \(${T}\) and (weight|bias) type \(${T}\) should be the same`),
    read: (m) => ({ reference: { role: 'input', dtype: m[1] }, blamed: { role: m[2], dtype: m[3] } }),
  },
  {
    // Compiled kernels (addmm, conv, layer/group norm, custom CUDA ops): the first operand's type is expected.
    id: 'scalar-type',
    pattern: /expected scalar type (\w+) but found (\w+)/,
    read: (m) => ({ reference: { dtype: m[1] }, blamed: { dtype: m[2] } }),
  },
  {
    // torch < 1.5: `Expected object of scalar type Half but got scalar type Float for argument #4 'mat1'`.
    id: 'object-scalar-type',
    pattern: /Expected object of scalar type (\w+) but got scalar type (\w+) for argument #\d+ '(\w+)'/,
    read: (m) => ({ reference: { dtype: m[1] }, blamed: { role: m[3], dtype: m[2] } }),
  },
  {
    // torch >= 2.1 CUDA addmm: `expected mat1 and mat2 to have the same dtype, but got: c10::Half != float`.
    id: 'mat-dtype',
    pattern: new RegExp(
      String.raw`expected (mat1|self) and (mat2) to have the same dtype(?:, but got: ${T} != ${T}(?=$|[\s,.]))?`,
    ),
    read: (m) => ({ reference: { role: m[1], dtype: m[3] }, blamed: { role: m[2], dtype: m[4] }, ambiguous: true }),
  },
  {
    // torch 1.13 CPU matmul (F.linear, LSTM, addmm): `mat1 and mat2 must have the same dtype`, with the
    // bias as `self`; torch 2.x adds `, but got Half and Float`.
    id: 'mat-same-dtype',
    pattern: /(mat1|self) and (mat2) must have the same dtype(?:, but got (\w+) and (\w+))?/,
    read: (m) => ({ reference: { role: m[1], dtype: m[3] }, blamed: { role: m[2], dtype: m[4] }, ambiguous: true }),
  },
  {
    // dot / vdot: `dot : expected both vectors to have same dtype, but found BFloat16 and Float`.
    id: 'both-vectors',
    pattern: /expected both vectors to have same dtype, but found (\w+) and (\w+)/,
    read: (m) => ({ reference: { role: 'input', dtype: m[1] }, blamed: { role: 'other', dtype: m[2] } }),
  },
  {
    // cross and other two-input ops: `expected both inputs to have same dtype`.
    id: 'both-inputs',
    pattern: /expected both inputs to have (?:the )?same dtype(?:, but (?:got|found):? (\w+) and (\w+))?/,
    read: (m) => ({ reference: { role: 'input', dtype: m[1] }, blamed: { role: 'other', dtype: m[2] }, ambiguous: true }),
  },
  {
    // CPU batch norm: `mixed dtype (CPU): expect parameter to have scalar type of Float`.
    id: 'mixed-dtype-cpu',
    pattern: /mixed dtype \(CPU\): expect (input|parameter) to have scalar type of (\w+)/,
    read: (m) => ({
      reference: { role: m[1] === 'input' ? 'weight' : 'input', dtype: m[2] },
      blamed: { role: m[1] === 'input' ? 'input' : 'weight' },
    }),
  },
  {
    // torch >= 2.0 scaled_dot_product_attention (C++ check and the Python fallback): query is the reference.
    id: 'attention',
    pattern: new RegExp(
      String.raw`Expected query, key,? and value to have the same dtype(?:, but got query\.dtype: ${T},? key\.dtype: ${T},? and value\.dtype: ${T} instead)?`,
    ),
    read: (m) => {
      const blamed = m[2] !== undefined && m[2] === m[1] ? { role: 'value', dtype: m[3] } : { role: 'key', dtype: m[2] };
      return { reference: { role: 'query', dtype: m[1] }, blamed, ambiguous: m[1] === undefined };
    },
  },
  {
    id: 'index-put',
    pattern: /Index put requires the source and destination dtypes match, got (\w+) for the destination and (\w+) for the source/,
    read: (m) => ({ reference: { role: 'self', dtype: m[1] }, blamed: { role: 'source', dtype: m[2] } }),
  },
  {
    id: 'scatter',
    pattern: /(\w+)\(\): Expected self\.dtype to be equal to src\.dtype/,
    read: () => ({ reference: { role: 'self' }, blamed: { role: 'src' } }),
  },
  {
    id: 'masked-scatter',
    pattern: /masked_scatter: expected self and source to have same dtypes but got\s*(\w+) and (\w+)/,
    read: (m) => ({ reference: { role: 'self', dtype: m[1] }, blamed: { role: 'source', dtype: m[2] } }),
  },
  {
    id: 'index-copy',
    pattern:
      /(?:index_copy_|put_)\(\): self and source expected to have the same dtype, but got \(self\) (\w+) and \(source\) (\w+)/,
    read: (m) => ({ reference: { role: 'self', dtype: m[1] }, blamed: { role: 'source', dtype: m[2] } }),
  },
];

/** A cheap test that a line may hold one of the wordings (most log lines fail it at once). */
const ANY = /same|scalar type|dtype/;

/** The dtype mismatch a line reports, or undefined. */
export function matchMismatch(line: string): Mismatch | undefined {
  if (!ANY.test(line)) return undefined;
  for (const w of WORDINGS) {
    const m = w.pattern.exec(line);
    if (m) return { wording: w.id, text: line.slice(m.index).trim(), ...w.read(m) };
  }
  return undefined;
}

/** The wordings by id, for documentation and tests. */
export const WORDING_IDS: readonly string[] = WORDINGS.map((w) => w.id);
