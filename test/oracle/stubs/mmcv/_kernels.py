"""Raw custom-kernel stand-ins: a CUDA-style dtype check, then a plausible CPU result."""
import torch
import torch.nn.functional as F

# Keyed by name: the harness rebinds torch.float16 to bfloat16.
_NAMES = {"float16": "Half", "bfloat16": "BFloat16", "float32": "Float", "float64": "Double"}


def _name(t):
    name = str(t.dtype).replace("torch.", "")
    return _NAMES.get(name, name)


def check_same_dtype(*tensors):
    """AT_DISPATCH on the first operand's dtype, then data_ptr<scalar_t>() on the others."""
    first = tensors[0]
    for t in tensors[1:]:
        if isinstance(t, torch.Tensor) and t.is_floating_point() and t.dtype != first.dtype:
            raise RuntimeError(
                f"expected scalar type {_name(first)} but found {_name(t)}")


def deform_conv_forward(input, weight, offset, output, columns, ones, kW, kH, dW, dH, padW,
                        padH, dilationW, dilationH, group, deformable_group, im2col_step):
    check_same_dtype(input, weight, offset, output, columns, ones)
    with torch.autocast("cpu", enabled=False):
        out = F.conv2d(input, weight, None, (dH, dW), (padH, padW), (dilationH, dilationW), group)
    output.resize_(out.shape).copy_(out)


def modulated_deform_conv_forward(input, weight, bias, ones, offset, mask, output, columns,
                                  kernel_h, kernel_w, stride_h, stride_w, pad_h, pad_w,
                                  dilation_h, dilation_w, group, deformable_group, with_bias):
    check_same_dtype(input, weight, bias, ones, offset, mask, output, columns)
    with torch.autocast("cpu", enabled=False):
        out = F.conv2d(input, weight, bias if with_bias else None, (stride_h, stride_w),
                       (pad_h, pad_w), (dilation_h, dilation_w), group)
    output.resize_(out.shape).copy_(out)


def carafe_forward(features, masks, rfeatures, routput, rmasks, output, kernel_size,
                   group_size, scale_factor):
    check_same_dtype(features, masks, rfeatures, routput, rmasks, output)
    with torch.autocast("cpu", enabled=False):
        # masks are softmax-normalised per position, so nearest upsampling is the
        # reassembly of a constant neighbourhood: a plausible stand-in result.
        output.copy_(F.interpolate(features, scale_factor=scale_factor, mode="nearest"))


def masked_col2im_forward(col, mask_h_idx, mask_w_idx, output, height, width, channels):
    check_same_dtype(col, output)
    output.view(channels, -1)[:, mask_h_idx * width + mask_w_idx] = col


def indice_conv_forward(features, filters, num_out):
    """spconv-style gather-GEMM-scatter: the kernel is picked by the filters' dtype."""
    if filters.dtype not in (torch.float32, torch.float16, torch.bfloat16):
        raise NotImplementedError("filters must be float32 or half")
    check_same_dtype(filters, features)
    center = filters.reshape(-1, filters.shape[-2], filters.shape[-1])[filters[..., 0, 0].numel() // 2]
    with torch.autocast("cpu", enabled=False):
        return features[:num_out] @ center
