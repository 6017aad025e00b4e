/** The layers and ops a dtype test feeds: their constructor parameters by position, and the input they take. */

/** The input a layer takes: `rank` 0 is a linear layer's (batch, features); 1–3 are conv spatial dims. */
export interface LayerKind {
  rank: 0 | 1 | 2 | 3;
  /** The constructor parameter that is the input's channel (feature) count. */
  inParam?: string;
  /** The input is not a plain tensor (sparse conv tensors): no sample can be made. */
  opaque?: boolean;
}

export interface LayerSpec extends LayerKind {
  params: string[];
}

const CONV_PARAMS = ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'dilation', 'groups', 'bias'];
const conv = (rank: 1 | 2 | 3): LayerSpec => ({ rank, inParam: 'in_channels', params: CONV_PARAMS });
const LINEAR: LayerSpec = { rank: 0, inParam: 'in_features', params: ['in_features', 'out_features', 'bias'] };

/** Layer classes by qualified name (after the file's imports are applied). */
export const LAYERS: ReadonlyMap<string, LayerSpec> = new Map<string, LayerSpec>([
  ...([1, 2, 3] as const).flatMap((r): [string, LayerSpec][] => [
    [`torch.nn.Conv${r}d`, conv(r)],
    [`torch.nn.ConvTranspose${r}d`, conv(r)],
    [`torch.nn.LazyConv${r}d`, { rank: r, params: ['out_channels', 'kernel_size', 'stride', 'padding'] }],
  ]),
  ['torch.nn.Linear', LINEAR],
  // A LayerNorm reached first normalizes the features of a (batch, features) or token input.
  ['torch.nn.LayerNorm', { rank: 0, inParam: 'normalized_shape', params: ['normalized_shape', 'eps'] }],
  ['torch.nn.LazyLinear', { rank: 0, params: ['out_features', 'bias'] }],
  ['torch.nn.Bilinear', { rank: 0, inParam: 'in1_features', params: ['in1_features', 'in2_features', 'out_features'] }],
  ['mmcv.cnn.ConvModule', conv(2)],
  ['mmcv.cnn.bricks.ConvModule', conv(2)],
  ['mmcv.cnn.DepthwiseSeparableConvModule', conv(2)],
  ['mmcv.cnn.Conv2d', conv(2)],
  ['mmcv.cnn.Linear', LINEAR],
  ['mmcv.cnn.build_conv_layer', { rank: 2, inParam: 'in_channels', params: ['cfg', ...CONV_PARAMS] }],
  ...['torchvision.ops.DeformConv2d', 'mmcv.ops.DeformConv2d', 'mmcv.ops.ModulatedDeformConv2d', 'mmcv.ops.MaskedConv2d'].map(
    (q): [string, LayerSpec] => [q, conv(2)],
  ),
  ['mmcv.ops.CARAFEPack', { rank: 2, inParam: 'channels', params: ['channels', 'scale_factor', 'up_kernel', 'up_group'] }],
  ...['SparseConv2d', 'SparseConv3d', 'SubMConv2d', 'SubMConv3d'].map((n): [string, LayerSpec] => [
    `mmcv.ops.${n}`,
    { rank: 2, opaque: true, inParam: 'in_channels', params: CONV_PARAMS },
  ]),
]);

/** Other constructors whose parameters say what a value is (norms, embeddings): never a first layer. */
export const SIZED: ReadonlyMap<string, string[]> = new Map([
  ...['BatchNorm1d', 'BatchNorm2d', 'BatchNorm3d', 'SyncBatchNorm', 'InstanceNorm2d'].map((n): [string, string[]] => [
    `torch.nn.${n}`,
    ['num_features', 'eps', 'momentum'],
  ]),
  ['torch.nn.GroupNorm', ['num_groups', 'num_channels', 'eps']],
  ['torch.nn.LayerNorm', ['normalized_shape', 'eps']],
  ['torch.nn.Embedding', ['num_embeddings', 'embedding_dim']],
  ['torch.nn.Dropout', ['p']],
  ['torch.nn.Upsample', ['size', 'scale_factor']],
  ['torch.nn.PixelShuffle', ['upscale_factor']],
]);

/** Functional ops: the input they take and which argument is the weight (its shape[1] is the input's channels). */
export interface FunctionalOp {
  rank: 0 | 1 | 2 | 3;
  input: number;
  weight: number;
}

export const FUNCTIONAL: ReadonlyMap<string, FunctionalOp> = new Map<string, FunctionalOp>([
  ...([1, 2, 3] as const).flatMap((r): [string, FunctionalOp][] =>
    [`conv${r}d`, `conv_transpose${r}d`].flatMap((n): [string, FunctionalOp][] => [
      [`torch.nn.functional.${n}`, { rank: r, input: 0, weight: 1 }],
      [`torch.${n}`, { rank: r, input: 0, weight: 1 }],
    ]),
  ),
  ['torch.nn.functional.linear', { rank: 0, input: 0, weight: 1 }],
  ['torch.addmm', { rank: 0, input: 1, weight: 2 }],
  ['torchvision.ops.deform_conv2d', { rank: 2, input: 0, weight: 2 }],
  ['mmcv.ops.deform_conv2d', { rank: 2, input: 0, weight: 2 }],
  ['mmcv.ops.modulated_deform_conv2d', { rank: 2, input: 0, weight: 3 }],
  ['mmcv.ops.carafe', { rank: 2, input: 0, weight: -1 }],
  ['mmcv.ops.masked_conv2d', { rank: 2, input: 0, weight: 2 }],
]);

/** The value a parameter gets from the role it plays in a constructor (a channel count, a kernel size, ...). */
export function roleValue(role: string): number | undefined {
  if (/channels|features|embedding_dim|normalized_shape/.test(role)) return 8;
  if (role === 'kernel_size' || role === 'up_kernel') return 3;
  if (role === 'num_groups' || role === 'scale_factor' || role === 'upscale_factor' || role === 'up_group') return 2;
  if (role === 'num_embeddings') return 10;
  if (role === 'stride' || role === 'dilation' || role === 'groups') return 1;
  if (role === 'padding') return 1;
  if (role === 'eps') return 1e-5;
  if (role === 'p' || role === 'momentum') return 0.1;
  return undefined;
}

/** The value a parameter gets from its name alone, when no use says more. */
export function nameValue(name: string): number | undefined {
  const n = name.toLowerCase();
  if (/classes|num_cls/.test(n)) return 3;
  if (/channels|features|dim$|^dim|width|hidden|planes|embed|^c\d*$|^ch\d*$/.test(n)) return 8;
  if (/kernel|^k$|ksize/.test(n)) return 3;
  if (/groups|heads/.test(n)) return 2;
  if (/levels|layers|depth|blocks|experts|ranks|joints|anchors|points/.test(n)) return 2;
  if (/size|window|radius/.test(n)) return 3;
  if (/stride|scale|dilation|ratio/.test(n)) return 2;
  if (/eps/.test(n)) return 1e-5;
  if (/sigma|temperature|^tau$/.test(n)) return 1.0;
  if (/^p$|drop|prob|momentum/.test(n)) return 0.1;
  return undefined;
}
