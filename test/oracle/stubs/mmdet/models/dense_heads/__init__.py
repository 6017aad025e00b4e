"""mmdet.models.dense_heads stand-in: AnchorHead (see mmdet/__init__.py)."""
from .anchor_head import AnchorHead  # noqa: F401
