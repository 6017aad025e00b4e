"""mmcv.ops.masked_conv stand-in: im2col of the masked positions, torch.addmm (an ordinary,
autocast-covered op), then the col2im kernel writing into features.new_zeros(...)."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.modules.utils import _pair

from mmcv import _kernels


def masked_conv2d(features, mask, weight, bias, padding=0, stride=1):
    assert mask.dim() == 3 and mask.size(0) == 1 and features.size(0) == 1
    pad_h, pad_w = _pair(padding)
    out_channel, in_channel, kernel_h, kernel_w = weight.size()
    out_h, out_w = features.size(2), features.size(3)
    mask_inds = torch.nonzero(mask[0] > 0, as_tuple=False)
    output = features.new_zeros(1, out_channel, out_h, out_w)
    if mask_inds.numel() == 0:
        return output
    mask_h_idx, mask_w_idx = mask_inds[:, 0].contiguous(), mask_inds[:, 1].contiguous()
    cols = F.unfold(features, (kernel_h, kernel_w), padding=(pad_h, pad_w))[0]
    data_col = cols[:, mask_h_idx * out_w + mask_w_idx]
    masked_output = torch.addmm(bias[:, None], weight.view(out_channel, -1), data_col)
    _kernels.masked_col2im_forward(masked_output, mask_h_idx, mask_w_idx, output, out_h,
                                   out_w, out_channel)
    return output


class MaskedConv2d(nn.Conv2d):
    def forward(self, input, mask=None):
        if mask is None:
            return super().forward(input)
        return masked_conv2d(input, mask, self.weight, self.bias, self.padding)
