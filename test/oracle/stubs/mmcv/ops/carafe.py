"""mmcv.ops.carafe stand-in: features and masks reach the kernel uncast (as in mmcv)."""
import torch.nn as nn
import torch.nn.functional as F

from mmcv import _kernels


def carafe(features, masks, kernel_size, group_size, scale_factor):
    n, c, h, w = features.size()
    assert masks.size(1) == kernel_size * kernel_size * group_size
    assert masks.size(-1) == w * scale_factor and masks.size(-2) == h * scale_factor
    output = features.new_zeros((n, c, h * scale_factor, w * scale_factor))
    routput = features.new_zeros(output.size())
    rfeatures = features.new_zeros(features.size())
    rmasks = masks.new_zeros(masks.size())
    _kernels.carafe_forward(features, masks, rfeatures, routput, rmasks, output, kernel_size,
                            group_size, scale_factor)
    return output


class CARAFEPack(nn.Module):
    """Content-aware upsampling: a kernel predictor (two convs + softmax) and the carafe op."""

    def __init__(self, channels, scale_factor, up_kernel=5, up_group=1, encoder_kernel=3,
                 encoder_dilation=1, compressed_channels=64):
        super().__init__()
        self.scale_factor, self.up_kernel, self.up_group = scale_factor, up_kernel, up_group
        self.channel_compressor = nn.Conv2d(channels, compressed_channels, 1)
        self.content_encoder = nn.Conv2d(
            compressed_channels, up_kernel * up_kernel * up_group * scale_factor * scale_factor,
            encoder_kernel, padding=(encoder_kernel - 1) * encoder_dilation // 2,
            dilation=encoder_dilation)

    def kernel_normalizer(self, mask):
        mask = F.pixel_shuffle(mask, self.scale_factor)
        n, mask_c, h, w = mask.size()
        mask_channel = int(mask_c / float(self.up_kernel ** 2))
        mask = mask.view(n, mask_channel, -1, h, w)
        mask = F.softmax(mask, dim=2, dtype=mask.dtype)
        return mask.view(n, mask_c, h, w).contiguous()

    def forward(self, x):
        mask = self.content_encoder(self.channel_compressor(x))
        mask = self.kernel_normalizer(mask)
        return carafe(x, mask, self.up_kernel, self.up_group, self.scale_factor)
