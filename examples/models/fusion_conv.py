"""A conv that runs its fusion step in full precision: breaks as soon as it runs under AMP autocast."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from mmdet.registry import MODELS


@MODELS.register_module()
class FusionConv(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size=3, **kwargs):
        super().__init__()
        self.proj = nn.Conv2d(in_channels, out_channels, 1)
        self.weight = nn.Parameter(torch.randn(out_channels, out_channels, kernel_size, kernel_size))
        self.bias = nn.Parameter(torch.zeros(out_channels))

    def forward(self, x):
        y = self.proj(x)
        with torch.autocast('cuda', enabled=False):
            return F.conv2d(y, self.weight, self.bias, padding=1)
