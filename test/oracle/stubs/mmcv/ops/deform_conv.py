"""mmcv.ops.deform_conv stand-in: guarded like mmcv >= 1.3.5 (type_as before the kernel)."""
import math

import torch
import torch.nn as nn
from torch.nn.modules.utils import _pair

from mmcv import _kernels


def deform_conv2d(input, offset, weight, stride=1, padding=0, dilation=1, groups=1,
                  deform_groups=1, bias=False, im2col_step=32):
    # mmcv's DeformConv2dFunction.forward: the offset's dtype decides (AMP makes it half).
    input = input.type_as(offset)
    weight = weight.type_as(input)
    stride, padding, dilation = _pair(stride), _pair(padding), _pair(dilation)
    output = input.new_empty(0)
    columns, ones = input.new_empty(0), input.new_empty(0)
    _kernels.deform_conv_forward(
        input, weight, offset, output, columns, ones, weight.size(3), weight.size(2),
        stride[1], stride[0], padding[1], padding[0], dilation[1], dilation[0], groups,
        deform_groups, im2col_step)
    return output


class DeformConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0,
                 dilation=1, groups=1, deform_groups=1, bias=False, im2col_step=32):
        super().__init__()
        assert not bias, "mmcv DeformConv2d has no bias"
        self.in_channels, self.out_channels = in_channels, out_channels
        self.kernel_size = _pair(kernel_size)
        self.stride, self.padding, self.dilation = _pair(stride), _pair(padding), _pair(dilation)
        self.groups, self.deform_groups = groups, deform_groups
        self.weight = nn.Parameter(torch.empty(out_channels, in_channels // groups, *self.kernel_size))
        nn.init.uniform_(self.weight, -1 / math.sqrt(in_channels), 1 / math.sqrt(in_channels))

    def forward(self, x, offset):
        return deform_conv2d(x, offset, self.weight, self.stride, self.padding, self.dilation,
                             self.groups, self.deform_groups)


class DeformConv2dPack(DeformConv2d):
    """Predicts its offsets with an ordinary conv (zero-initialised, as in mmcv)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conv_offset = nn.Conv2d(
            self.in_channels, self.deform_groups * 2 * self.kernel_size[0] * self.kernel_size[1],
            self.kernel_size, self.stride, self.padding, self.dilation, bias=True)
        nn.init.zeros_(self.conv_offset.weight)
        nn.init.zeros_(self.conv_offset.bias)

    def forward(self, x):
        offset = self.conv_offset(x)
        return deform_conv2d(x, offset, self.weight, self.stride, self.padding, self.dilation,
                             self.groups, self.deform_groups)
