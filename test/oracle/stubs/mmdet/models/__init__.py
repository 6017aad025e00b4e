"""mmdet.models stand-in: only dense_heads."""
