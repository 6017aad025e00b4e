"""Raw custom-kernel stand-ins: a CUDA-style dtype check, then a plausible CPU result.

Two kinds of check. check_same_dtype models the kernels that dispatch on the first operand and
read the others as that scalar_t. check_contract models a kernel read from its source in
mmcv/ops/csrc/pytorch/cuda/*.cu: one tensor picks scalar_t (AT_DISPATCH_FLOATING_TYPES_AND_HALF),
the `same` tensors are read as data_ptr<scalar_t>(), the `fixed` ones as data_ptr<float>() or
data_ptr<int>() whatever scalar_t is. data_ptr<T>() on a tensor of another dtype raises
"expected scalar type T but found U" (c10 TensorImpl), which is what the stand-in raises.
"""
import torch
import torch.nn.functional as F

# Keyed by name: the harness rebinds torch.float16 to bfloat16.
_NAMES = {"float16": "Half", "bfloat16": "BFloat16", "float32": "Float", "float64": "Double",
          "int32": "Int", "int64": "Long", "uint8": "Byte", "bool": "Bool"}


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


_FIXED = {torch.float32: "Float", torch.int32: "Int", torch.int64: "Long"}
# AT_DISPATCH_FLOATING_TYPES_AND_HALF: float, double, half (bfloat16 stands in for half here).
_DISPATCHED = (torch.float32, torch.float64, torch.float16, torch.bfloat16)


def check_contract(kernel, dispatch, same=(), fixed=()):
    """dispatch picks scalar_t; every tensor in same is read as scalar_t; fixed holds
    (tensor, dtype) pairs read as that C type."""
    if dispatch.dtype not in _DISPATCHED:
        raise RuntimeError(f'"{kernel}" not implemented for \'{_name(dispatch)}\'')
    for t in same:
        if t.dtype != dispatch.dtype:
            raise RuntimeError(f"expected scalar type {_name(dispatch)} but found {_name(t)}")
    for t, dtype in fixed:
        if t.dtype != dtype:
            raise RuntimeError(f"expected scalar type {_FIXED[dtype]} but found {_name(t)}")


def knn_forward(xyz, new_xyz, idx, dist2, b, n, m, nsample):
    """knn_cuda.cu: dispatch on new_xyz; xyz, new_xyz, dist2 as scalar_t, idx as int."""
    check_contract("knn_forward_cuda_kernel", new_xyz, same=(xyz, dist2),
                   fixed=((idx, torch.int32),))
    with torch.autocast("cpu", enabled=False):
        d = torch.cdist(new_xyz.float(), xyz.float()) ** 2
        vals, inds = d.topk(nsample, dim=2, largest=False)
    dist2.copy_(vals)
    idx.copy_(inds)


def chamfer_distance_forward(xyz1, xyz2, dist1, dist2, idx1, idx2):
    """chamfer_distance_cuda.cu: dispatch on xyz1; xyz2, dist1, dist2 as scalar_t, idx1/idx2
    as int."""
    check_contract("chamfer_distance_forward_cuda_kernel", xyz1, same=(xyz2, dist1, dist2),
                   fixed=((idx1, torch.int32), (idx2, torch.int32)))
    with torch.autocast("cpu", enabled=False):
        d = torch.cdist(xyz1.float(), xyz2.float()) ** 2
        v1, i1 = d.min(dim=2)
        v2, i2 = d.min(dim=1)
    dist1.copy_(v1)
    dist2.copy_(v2)
    idx1.copy_(i1)
    idx2.copy_(i2)


def gather_points_forward(points, idx, out, b, c, n, npoints):
    """gather_points_cuda.cu: dispatch on points; out as scalar_t, idx as int."""
    check_contract("gather_points_forward_cuda_kernel", points, same=(out,),
                   fixed=((idx, torch.int32),))
    out.copy_(torch.gather(points, 2, idx.long().unsqueeze(1).expand(-1, c, -1)))


def sync_bn_forward_mean(input, mean):
    """sync_bn_cuda.cu: dispatch on input (scalar_t); mean is float* whatever scalar_t is."""
    check_contract("sync_bn_forward_mean_cuda_kernel", input, fixed=((mean, torch.float32),))
    with torch.autocast("cpu", enabled=False):
        mean.copy_(input.float().mean(dim=(0, 2)))


def sync_bn_forward_var(input, mean, var):
    """sync_bn_cuda.cu: dispatch on input; mean and var are float*."""
    check_contract("sync_bn_forward_mean_cuda_kernel", input,
                   fixed=((mean, torch.float32), (var, torch.float32)))
    with torch.autocast("cpu", enabled=False):
        var.copy_(((input.float() - mean.view(1, -1, 1)) ** 2).mean(dim=(0, 2)))


def deform_conv_forward(input, weight, offset, output, columns, ones, kW, kH, dW, dH, padW,
                        padH, dilationW, dilationH, group, deformable_group, im2col_step):
    # deform_conv.cpp replaces columns and ones before reading them (kernelContracts.ts: 'any').
    check_same_dtype(input, weight, offset, output)
    with torch.autocast("cpu", enabled=False):
        out = F.conv2d(input, weight, None, (dH, dW), (padH, padW), (dilationH, dilationW), group)
    output.resize_(out.shape).copy_(out)


def modulated_deform_conv_forward(input, weight, bias, ones, offset, mask, output, columns,
                                  kernel_h, kernel_w, stride_h, stride_w, pad_h, pad_w,
                                  dilation_h, dilation_w, group, deformable_group, with_bias):
    # modulated_deform_conv.cpp replaces ones and columns, and adds the bias in place into the
    # output (`output += bias.view(...)`, which casts it): kernelContracts.ts has them as 'any'.
    check_same_dtype(input, weight, offset, mask, output)
    with torch.autocast("cpu", enabled=False):
        out = F.conv2d(input, weight, None, (stride_h, stride_w),
                       (pad_h, pad_w), (dilation_h, dilation_w), group)
        if with_bias:
            out += bias.view(1, -1, 1, 1)
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
