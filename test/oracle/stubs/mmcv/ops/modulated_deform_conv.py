"""mmcv.ops.modulated_deform_conv stand-in: input, weight, bias and mask cast to the offset's
dtype before the kernel, as mmcv's ModulatedDeformConv2dFunction does."""
import math

import torch
import torch.nn as nn
from torch.nn.modules.utils import _pair

from mmcv import _kernels


def modulated_deform_conv2d(input, offset, mask, weight, bias, stride=1, padding=0,
                            dilation=1, groups=1, deform_groups=1):
    input = input.type_as(offset)
    weight = weight.type_as(input)
    with_bias = bias is not None
    bias = bias.type_as(input) if with_bias else input.new_empty(0)
    mask = mask.type_as(input)
    stride, padding, dilation = _pair(stride), _pair(padding), _pair(dilation)
    output = input.new_empty(0)
    ones, columns = input.new_empty(0), input.new_empty(0)
    _kernels.modulated_deform_conv_forward(
        input, weight, bias, ones, offset, mask, output, columns, weight.size(2), weight.size(3),
        stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1], groups,
        deform_groups, with_bias)
    return output


class ModulatedDeformConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0,
                 dilation=1, groups=1, deform_groups=1, bias=True):
        super().__init__()
        self.in_channels, self.out_channels = in_channels, out_channels
        self.kernel_size = _pair(kernel_size)
        self.stride, self.padding, self.dilation = _pair(stride), _pair(padding), _pair(dilation)
        self.groups, self.deform_groups = groups, deform_groups
        self.weight = nn.Parameter(torch.empty(out_channels, in_channels // groups, *self.kernel_size))
        nn.init.uniform_(self.weight, -1 / math.sqrt(in_channels), 1 / math.sqrt(in_channels))
        self.bias = nn.Parameter(torch.zeros(out_channels)) if bias else None

    def forward(self, x, offset, mask):
        return modulated_deform_conv2d(x, offset, mask, self.weight, self.bias, self.stride,
                                       self.padding, self.dilation, self.groups, self.deform_groups)


class ModulatedDeformConv2dPack(ModulatedDeformConv2d):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conv_offset = nn.Conv2d(
            self.in_channels, self.deform_groups * 3 * self.kernel_size[0] * self.kernel_size[1],
            self.kernel_size, self.stride, self.padding, self.dilation, bias=True)
        nn.init.zeros_(self.conv_offset.weight)
        nn.init.zeros_(self.conv_offset.bias)

    def forward(self, x):
        out = self.conv_offset(x)
        o1, o2, mask = torch.chunk(out, 3, dim=1)
        offset = torch.cat((o1, o2), dim=1)
        mask = torch.sigmoid(mask)
        return modulated_deform_conv2d(x, offset, mask, self.weight, self.bias, self.stride,
                                       self.padding, self.dilation, self.groups, self.deform_groups)
