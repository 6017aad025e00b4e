"""Stand-in for the parts of mmdet 2.x the fixtures import (mmdet is not installed here).

What it models: the dense-head base classes' construction order. mmdet's AnchorHead.__init__
(mmdet/models/dense_heads/anchor_head.py) stores its arguments, builds the prior generator and
then calls self._init_layers(), which subclasses override to build their convs; so every layer a
subclass makes in _init_layers is registered in __init__, before any .half() or .to(). forward
maps forward_single over the feature levels (multi_apply). Losses, assigners, samplers and the
anchor generator itself are not modelled: only the number of base priors per location is kept.
"""
import pkgutil

# The workspace fixtures bring their own mmdet stand-in (test/fixtures/oracle-stubs/mmdet, with
# mmdet.registry) on PYTHONPATH; this one comes first on sys.path, so merge the two packages.
__path__ = pkgutil.extend_path(__path__, __name__)
__version__ = "2.28.2"
