"""mmcv.utils.ext_loader stand-in: load_ext returns the raw kernel stand-ins by name."""
import types

from mmcv import _kernels


def load_ext(name, funcs):
    ext = types.SimpleNamespace()
    for fn in funcs:
        if not hasattr(_kernels, fn):
            raise AttributeError(f"{name} has no stand-in for {fn}")
        setattr(ext, fn, getattr(_kernels, fn))
    return ext
