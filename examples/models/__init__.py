from .fused_bias_conv import FusedBiasConv  # noqa: F401
from .fusion_conv import FusionConv  # noqa: F401
from .safe_conv import ZeroBiasConv  # noqa: F401
