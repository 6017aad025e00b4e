/** The conv/linear ops the rules know, by fully qualified name, with the position of each operand. */

export interface OpSignature {
  /** Operand names in positional order, e.g. ['input', 'weight', 'bias']. */
  operands: string[];
}

const CONV: OpSignature = { operands: ['input', 'weight', 'bias'] };

export const CONV_OPS: ReadonlyMap<string, OpSignature> = new Map([
  ...['conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d'].flatMap(
    (name): [string, OpSignature][] => [
      [`torch.nn.functional.${name}`, CONV],
      [`torch.${name}`, CONV],
    ],
  ),
  ['torch.nn.functional.linear', CONV],
]);
