"""mmcv.ops sparse conv stand-in: features and filters reach the indice_conv kernel uncast;
the kernel is chosen by the filters' dtype, so half features with float filters fail."""
import math

import torch
import torch.nn as nn

from mmcv import _kernels


class SparseConvTensor:
    def __init__(self, features, indices, spatial_shape, batch_size):
        self.features, self.indices = features, indices
        self.spatial_shape, self.batch_size = spatial_shape, batch_size


class SparseConvolution(nn.Module):
    def __init__(self, ndim, in_channels, out_channels, kernel_size=3, stride=1, padding=0,
                 bias=True, subm=False, indice_key=None):
        super().__init__()
        self.subm, self.indice_key = subm, indice_key
        ks = (kernel_size,) * ndim if isinstance(kernel_size, int) else tuple(kernel_size)
        self.weight = nn.Parameter(torch.empty(*ks, in_channels, out_channels))
        nn.init.uniform_(self.weight, -1 / math.sqrt(in_channels), 1 / math.sqrt(in_channels))
        self.bias = nn.Parameter(torch.zeros(out_channels)) if bias else None

    def forward(self, input):
        features = input.features
        out_features = _kernels.indice_conv_forward(features, self.weight, features.shape[0])
        if self.bias is not None:
            out_features += self.bias
        return SparseConvTensor(out_features, input.indices, input.spatial_shape, input.batch_size)


class SubMConv3d(SparseConvolution):
    def __init__(self, in_channels, out_channels, kernel_size=3, stride=1, padding=0, bias=True,
                 indice_key=None):
        super().__init__(3, in_channels, out_channels, kernel_size, stride, padding, bias, True,
                         indice_key)


class SparseConv3d(SparseConvolution):
    def __init__(self, in_channels, out_channels, kernel_size=3, stride=1, padding=0, bias=True,
                 indice_key=None):
        super().__init__(3, in_channels, out_channels, kernel_size, stride, padding, bias, False,
                         indice_key)
