"""Stand-in for torchvision.ops.deform_conv2d / DeformConv2d (nothing else).

Why: Debian's python3-torchvision 0.14.1 is a CPU-only build. Its deform_conv2d has no bfloat16
kernel ('"deformable_im2col" not implemented for BFloat16', and float16 fails in addmm), so it
cannot run the half stand-in; with mixed float32/float64 operands its CPU kernel raises
"expected scalar type Float but found Double" for offset/mask/input but silently promotes a
float64 bias. It registers no Autocast kernel in that build (torch._C._dispatch_dump shows only
CPU and Autograd).
What it models: the CUDA build. torchvision registers an Autocast (CUDA) kernel for
torchvision::deform_conv2d (csrc/ops/autocast/deform_conv2d_kernel.cpp) that casts input,
weight, offset, mask and bias to float32, runs, and returns the input's dtype. So under autocast
the op is safe; outside autocast the CUDA kernel dispatches on the input's dtype and mixed
operands raise "expected scalar type X but found Y".
"""
__version__ = "0.14.1"
