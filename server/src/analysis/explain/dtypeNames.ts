/** Reads a dtype as PyTorch prints it in errors (`torch.cuda.HalfTensor`, `c10::Half`, `float`, `BFloat16`) as a torch dtype name. */

const BY_NAME: Record<string, string> = {
  half: 'float16',
  float16: 'float16',
  bfloat16: 'bfloat16',
  float: 'float32',
  float32: 'float32',
  double: 'float64',
  float64: 'float64',
  long: 'int64',
  int64: 'int64',
  int: 'int32',
  int32: 'int32',
  short: 'int16',
  char: 'int8',
  byte: 'uint8',
  bool: 'bool',
  complexfloat: 'complex64',
  complexdouble: 'complex128',
};

/**
 * `torch.float16`-style name of a printed dtype, or undefined when it is not one. Tensor type names
 * (`torch.cuda.HalfTensor`, `CPUBFloat16Type`), c10 names (`struct c10::Half`) and scalar type
 * names (`Half`, `float`) all count.
 */
export function dtypeFromError(printed: string | undefined): string | undefined {
  if (!printed) return undefined;
  const name = printed
    .trim()
    .replace(/^struct\s+/, '')
    .replace(/^c10::/, '')
    .replace(/^torch\.(cuda\.|xpu\.|mps\.)?/, '')
    .replace(/^(CPU|CUDA|XPU|MPS)(?=[A-Z])/, '')
    .replace(/(Tensor|Type)$/, '')
    .toLowerCase();
  return BY_NAME[name];
}
