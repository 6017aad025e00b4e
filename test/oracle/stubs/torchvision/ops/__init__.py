"""torchvision.ops stand-in: deform_conv2d with the CUDA build's autocast behaviour."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.modules.utils import _pair

from mmcv._kernels import check_same_dtype


def _kernel(input, offset, weight, bias, stride, padding, dilation, mask):
    check_same_dtype(input, weight, offset, mask, bias)
    groups = input.shape[1] // weight.shape[1]
    with torch.autocast("cpu", enabled=False):
        out = F.conv2d(input, weight, bias, stride, padding, dilation, groups)
    return out


def deform_conv2d(input, offset, weight, bias=None, stride=(1, 1), padding=(0, 0),
                  dilation=(1, 1), mask=None):
    stride, padding, dilation = _pair(stride), _pair(padding), _pair(dilation)
    if torch.is_autocast_cpu_enabled():
        f32 = (lambda t: None if t is None else t.float())
        out = _kernel(f32(input), f32(offset), f32(weight), f32(bias), stride, padding,
                      dilation, f32(mask))
        return out.to(input.dtype)
    return _kernel(input, offset, weight, bias, stride, padding, dilation, mask)


class DeformConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0,
                 dilation=1, groups=1, bias=True):
        super().__init__()
        self.stride, self.padding, self.dilation = _pair(stride), _pair(padding), _pair(dilation)
        ks = _pair(kernel_size)
        self.weight = nn.Parameter(torch.empty(out_channels, in_channels // groups, *ks))
        nn.init.uniform_(self.weight, -1 / math.sqrt(in_channels), 1 / math.sqrt(in_channels))
        self.bias = nn.Parameter(torch.zeros(out_channels)) if bias else None

    def forward(self, input, offset, mask=None):
        return deform_conv2d(input, offset, self.weight, self.bias, self.stride, self.padding,
                             self.dilation, mask)
