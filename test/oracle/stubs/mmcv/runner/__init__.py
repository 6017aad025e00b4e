"""mmcv.runner stand-in: the fp16 decorators."""
from .fp16_utils import auto_fp16, force_fp32, wrap_fp16_model  # noqa: F401
