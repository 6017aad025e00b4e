"""Stand-in for the parts of mmdet 2.x the fixtures import (mmdet is not installed here).

What it models: the dense-head base classes' construction order. mmdet's AnchorHead.__init__
(mmdet/models/dense_heads/anchor_head.py) stores its arguments, builds the prior generator and
then calls self._init_layers(), which subclasses override to build their convs; so every layer a
subclass makes in _init_layers is registered in __init__, before any .half() or .to(). forward
maps forward_single over the feature levels (multi_apply). Losses, assigners, samplers and the
anchor generator itself are not modelled: only the number of base priors per location is kept.
"""
__version__ = "2.28.2"
