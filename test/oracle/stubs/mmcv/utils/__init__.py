"""mmcv.utils stand-in: only ext_loader."""
