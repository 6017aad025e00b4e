"""The same conv written safely: the bias is created in the input's dtype."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from mmdet.registry import MODELS


@MODELS.register_module()
class ZeroBiasConv(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size=3):
        super().__init__()
        self.out_channels = out_channels
        self.weight = nn.Parameter(torch.randn(out_channels, in_channels, kernel_size, kernel_size))

    def forward(self, x):
        bias = torch.zeros(self.out_channels, device=x.device, dtype=x.dtype)
        return F.conv2d(x, self.weight, bias, padding=1)
