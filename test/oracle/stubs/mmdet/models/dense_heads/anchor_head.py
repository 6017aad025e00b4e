"""AnchorHead as in mmdet 2.x: __init__ ends with self._init_layers()."""
from functools import partial

import torch.nn as nn


def multi_apply(func, *args, **kwargs):
    """mmdet.core.multi_apply: func over each level, results regrouped per output."""
    pfunc = partial(func, **kwargs) if kwargs else func
    return tuple(map(list, zip(*map(pfunc, *args))))


class AnchorHead(nn.Module):
    def __init__(self, num_classes, in_channels, feat_channels=256,
                 anchor_generator=dict(type="AnchorGenerator", scales=[8],
                                       ratios=[0.5, 1.0, 2.0], strides=[4, 8, 16, 32, 64]),
                 loss_cls=dict(type="CrossEntropyLoss", use_sigmoid=True, loss_weight=1.0),
                 train_cfg=None, test_cfg=None, init_cfg=None, **kwargs):
        super().__init__()
        self.in_channels = in_channels
        self.num_classes = num_classes
        self.feat_channels = feat_channels
        self.use_sigmoid_cls = loss_cls.get("use_sigmoid", False)
        self.cls_out_channels = num_classes if self.use_sigmoid_cls else num_classes + 1
        self.train_cfg, self.test_cfg = train_cfg, test_cfg
        self.fp16_enabled = False
        # The prior generator's num_base_priors: scales x ratios per location.
        scales = anchor_generator.get("scales") or [None] * anchor_generator["scales_per_octave"]
        self.num_base_priors = len(scales) * len(anchor_generator["ratios"])
        self.num_anchors = self.num_base_priors
        self._init_layers()

    def _init_layers(self):
        self.conv_cls = nn.Conv2d(self.in_channels, self.num_base_priors * self.cls_out_channels, 1)
        self.conv_reg = nn.Conv2d(self.in_channels, self.num_base_priors * 4, 1)

    def forward_single(self, x):
        return self.conv_cls(x), self.conv_reg(x)

    def forward(self, feats):
        return multi_apply(self.forward_single, feats)
