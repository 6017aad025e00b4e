"""mmcv.ops stand-in: the CUDA-only custom ops (see mmcv/__init__.py for what is modelled)."""
from .carafe import CARAFEPack, carafe  # noqa: F401
from .deform_conv import DeformConv2d, DeformConv2dPack, deform_conv2d  # noqa: F401
from .masked_conv import MaskedConv2d, masked_conv2d  # noqa: F401
from .modulated_deform_conv import (  # noqa: F401
    ModulatedDeformConv2d, ModulatedDeformConv2dPack, modulated_deform_conv2d)
from .sparse_conv import SparseConv3d, SparseConvTensor, SubMConv3d  # noqa: F401
