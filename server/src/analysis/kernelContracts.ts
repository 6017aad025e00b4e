/** The scalar-type contracts of mmcv's compiled kernels, read from their CUDA sources. */

// Read from mmcv 2.2.0 (mmcv/version.py), one entry per `ext_module.<name>(...)` call in
// mmcv/ops/*.py that passes two or more tensors. For each kernel the binding
// (mmcv/ops/csrc/pytorch/pybind.cpp) gives the Python names and their order; the arguments were
// followed by position through the dispatcher (csrc/pytorch/<op>.cpp, DISPATCH_DEVICE_IMPL) into
// the CUDA launcher (csrc/pytorch/cuda/), whose AT_DISPATCH_* and data_ptr<T>() calls give the rules.
// Where the CUDA and CPU paths disagree the CUDA path is taken, and `source` says so.
//
// `node scripts/derive-kernel-contracts.mjs [path/to/mmcv]` prints the candidates for every binding
// (add `--device=CPU` for the CPU path); each entry below was checked against the sources by hand,
// and the ones the script cannot read (work done with ATen calls such as addmm_, index_put_, sort)
// were read by hand. Kernels left out on purpose are listed, with the reason, in
// test/unit/kernel-contracts.test.mjs; a kernel without a contract is not judged.

/** What a compiled kernel requires of each tensor argument's scalar type. */
export type ArgRule =
  | 'same' // must share the dispatch tensor's scalar type (read as data_ptr<scalar_t>, or dispatched on)
  | 'float32' // must be float32 (data_ptr<float>, TORCH_CHECK(... kFloat))
  | 'int' // int32 (data_ptr<int>)
  | 'long' // int64 (data_ptr<int64_t> / <long>)
  | 'bool'
  | 'uint8'
  | 'int8'
  | 'any'; // read in a way that accepts any dtype (only sorted/indexed, converted inside, unused)

export interface KernelContract {
  /** Parameter names in the order Python passes them positionally (pybind's py::arg names). */
  params: string[];
  /** The rule of each tensor parameter, by name; parameters not listed are not tensors (ints, floats, bools). */
  rules: Record<string, ArgRule>;
  /** Where this was read: repository-relative paths with line numbers of the launcher/kernel and binding. */
  source: string;
}

/** The contracts by kernel name as Python calls it (`ext_module.knn_forward` → `knn_forward`). */
export const KERNEL_CONTRACTS: ReadonlyMap<string, KernelContract> = new Map<string, KernelContract>([
  [
    'active_rotated_filter_backward',
    {
      params: ['grad_out', 'indices', 'grad_in'],
      rules: { grad_out: 'same', indices: 'int', grad_in: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:888; mmcv/ops/csrc/pytorch/active_rotated_filter.cpp:25; mmcv/ops/csrc/pytorch/cuda/active_rotated_filter_cuda.cu:47-55',
    },
  ],
  [
    'active_rotated_filter_forward',
    {
      params: ['input', 'indices', 'output'],
      rules: { input: 'same', indices: 'int', output: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:885; mmcv/ops/csrc/pytorch/active_rotated_filter.cpp:20; mmcv/ops/csrc/pytorch/cuda/active_rotated_filter_cuda.cu:21-28',
    },
  ],
  [
    'assign_score_withk_backward',
    {
      params: [
        'grad_out',
        'points',
        'centers',
        'scores',
        'knn_idx',
        'grad_points',
        'grad_centers',
        'grad_scores',
        'B',
        'N0',
        'N1',
        'M',
        'K',
        'O',
        'aggregate',
      ],
      rules: {
        grad_out: 'same',
        points: 'same',
        centers: 'same',
        scores: 'same',
        knn_idx: 'long',
        grad_points: 'same',
        grad_centers: 'same',
        grad_scores: 'same',
      },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:498; mmcv/ops/csrc/pytorch/assign_score_withk.cpp:33; mmcv/ops/csrc/pytorch/cuda/assign_score_withk_cuda.cu:44-62',
    },
  ],
  [
    'assign_score_withk_forward',
    {
      params: ['points', 'centers', 'scores', 'knn_idx', 'output', 'B', 'N0', 'N1', 'M', 'K', 'O', 'aggregate'],
      rules: { points: 'same', centers: 'same', scores: 'same', knn_idx: 'long', output: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:493; mmcv/ops/csrc/pytorch/assign_score_withk.cpp:25; mmcv/ops/csrc/pytorch/cuda/assign_score_withk_cuda.cu:19-25',
    },
  ],
  [
    'ball_query_forward',
    {
      params: ['new_xyz_tensor', 'xyz_tensor', 'idx_tensor', 'b', 'n', 'm', 'min_radius', 'max_radius', 'nsample'],
      rules: { new_xyz_tensor: 'same', xyz_tensor: 'same', idx_tensor: 'int' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:776; mmcv/ops/csrc/pytorch/ball_query.cpp:15; mmcv/ops/csrc/pytorch/cuda/ball_query_cuda.cu:28-34',
    },
  ],
  [
    'bbox_overlaps',
    {
      params: ['bboxes1', 'bboxes2', 'ious', 'mode', 'aligned', 'offset'],
      rules: { bboxes1: 'same', bboxes2: 'same', ious: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:589; mmcv/ops/csrc/pytorch/bbox_overlaps.cpp:53; mmcv/ops/csrc/pytorch/cuda/bbox_overlaps_cuda.cu:31-36',
    },
  ],
  [
    'bezier_align_backward',
    {
      params: [
        'grad_output',
        'rois',
        'grad_input',
        'aligned_height',
        'aligned_width',
        'spatial_scale',
        'sampling_ratio',
        'aligned',
      ],
      rules: { grad_output: 'same', rois: 'same', grad_input: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:945; mmcv/ops/csrc/pytorch/bezier_align.cpp:31; mmcv/ops/csrc/pytorch/cuda/bezier_align_cuda.cu:41-46',
    },
  ],
  [
    'bezier_align_forward',
    {
      params: ['input', 'rois', 'output', 'aligned_height', 'aligned_width', 'spatial_scale', 'sampling_ratio', 'aligned'],
      rules: { input: 'same', rois: 'same', output: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:940; mmcv/ops/csrc/pytorch/bezier_align.cpp:23; mmcv/ops/csrc/pytorch/cuda/bezier_align_cuda.cu:17-22',
    },
  ],
  [
    'border_align_backward',
    {
      params: ['grad_output', 'boxes', 'argmax_idx', 'grad_input', 'pool_size'],
      rules: { grad_output: 'same', boxes: 'same', argmax_idx: 'int', grad_input: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:827; mmcv/ops/csrc/pytorch/border_align.cpp:25; mmcv/ops/csrc/pytorch/cuda/border_align_cuda.cu:57-63',
    },
  ],
  [
    'border_align_forward',
    {
      params: ['input', 'boxes', 'output', 'argmax_idx', 'pool_size'],
      rules: { input: 'same', boxes: 'same', output: 'same', argmax_idx: 'int' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:824; mmcv/ops/csrc/pytorch/border_align.cpp:19; mmcv/ops/csrc/pytorch/cuda/border_align_cuda.cu:28-34',
    },
  ],
  [
    'box_iou_quadri',
    {
      params: ['boxes1', 'boxes2', 'ious', 'mode_flag', 'aligned'],
      rules: { boxes1: 'float32', boxes2: 'float32', ious: 'float32' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:933; mmcv/ops/csrc/pytorch/box_iou_quadri.cpp:14; mmcv/ops/csrc/pytorch/cuda/box_iou_quadri_cuda.cu:19-20',
    },
  ],
  [
    'box_iou_rotated',
    {
      params: ['boxes1', 'boxes2', 'ious', 'mode_flag', 'aligned'],
      rules: { boxes1: 'float32', boxes2: 'float32', ious: 'float32' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:770; mmcv/ops/csrc/pytorch/box_iou_rotated.cpp:16; mmcv/ops/csrc/pytorch/cuda/box_iou_rotated_cuda.cu:21-22',
    },
  ],
  [
    'carafe_backward',
    {
      params: [
        'top_grad',
        'rfeatures',
        'masks',
        'rtop_grad',
        'rbottom_grad_hs',
        'rbottom_grad',
        'rmask_grad',
        'bottom_grad',
        'mask_grad',
        'kernel_size',
        'group_size',
        'scale_factor',
      ],
      rules: {
        top_grad: 'same',
        rfeatures: 'same',
        masks: 'same',
        rtop_grad: 'same',
        rbottom_grad_hs: 'same',
        rbottom_grad: 'same',
        rmask_grad: 'same',
        bottom_grad: 'same',
        mask_grad: 'same',
      },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:519; mmcv/ops/csrc/pytorch/carafe.cpp:30; mmcv/ops/csrc/pytorch/cuda/carafe_cuda.cu:101-170',
    },
  ],
  [
    'carafe_forward',
    {
      params: ['features', 'masks', 'rfeatures', 'routput', 'rmasks', 'output', 'kernel_size', 'group_size', 'scale_factor'],
      rules: { features: 'same', masks: 'same', rfeatures: 'same', routput: 'same', rmasks: 'same', output: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:515; mmcv/ops/csrc/pytorch/carafe.cpp:23; mmcv/ops/csrc/pytorch/cuda/carafe_cuda.cu:28-67',
    },
  ],
  [
    'carafe_naive_backward',
    {
      params: ['top_grad', 'features', 'masks', 'bottom_grad', 'mask_grad', 'kernel_size', 'group_size', 'scale_factor'],
      rules: { top_grad: 'same', features: 'same', masks: 'same', bottom_grad: 'same', mask_grad: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:511; mmcv/ops/csrc/pytorch/carafe_naive.cpp:27; mmcv/ops/csrc/pytorch/cuda/carafe_naive_cuda.cu:40-47',
    },
  ],
  [
    'carafe_naive_forward',
    {
      params: ['features', 'masks', 'output', 'kernel_size', 'group_size', 'scale_factor'],
      rules: { features: 'same', masks: 'same', output: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:508; mmcv/ops/csrc/pytorch/carafe_naive.cpp:21; mmcv/ops/csrc/pytorch/cuda/carafe_naive_cuda.cu:17-22',
    },
  ],
  [
    'chamfer_distance_backward',
    {
      params: ['xyz1', 'xyz2', 'idx1', 'idx2', 'graddist1', 'graddist2', 'gradxyz1', 'gradxyz2'],
      rules: {
        xyz1: 'same',
        xyz2: 'same',
        idx1: 'int',
        idx2: 'int',
        graddist1: 'same',
        graddist2: 'same',
        gradxyz1: 'same',
        gradxyz2: 'same',
      },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:902; mmcv/ops/csrc/pytorch/chamfer_distance.cpp:29; mmcv/ops/csrc/pytorch/cuda/chamfer_distance_cuda.cu:44-60',
    },
  ],
  [
    'chamfer_distance_forward',
    {
      params: ['xyz1', 'xyz2', 'dist1', 'dist2', 'idx1', 'idx2'],
      rules: { xyz1: 'same', xyz2: 'same', dist1: 'same', dist2: 'same', idx1: 'int', idx2: 'int' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:899; mmcv/ops/csrc/pytorch/chamfer_distance.cpp:23; mmcv/ops/csrc/pytorch/cuda/chamfer_distance_cuda.cu:16-30',
    },
  ],
  [
    'contour_expand',
    {
      params: ['kernel_mask', 'internal_kernel_label', 'min_kernel_area', 'kernel_num'],
      rules: { kernel_mask: 'uint8', internal_kernel_label: 'int' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:670; mmcv/ops/csrc/pytorch/contour_expand.cpp:89; mmcv/ops/csrc/pytorch/contour_expand.cpp:101-104 (CPU only: no CUDA kernel)',
    },
  ],
  [
    'convex_giou',
    {
      params: ['pointsets', 'polygons', 'output'],
      rules: { pointsets: 'same', polygons: 'same', output: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:893; mmcv/ops/csrc/pytorch/convex_iou.cpp:21; mmcv/ops/csrc/pytorch/cuda/convex_iou.cu:33-38',
    },
  ],
  [
    'convex_iou',
    {
      params: ['pointsets', 'polygons', 'ious'],
      rules: { pointsets: 'same', polygons: 'same', ious: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:891; mmcv/ops/csrc/pytorch/convex_iou.cpp:12; mmcv/ops/csrc/pytorch/cuda/convex_iou.cu:15-20',
    },
  ],
  [
    'correlation_backward',
    {
      params: [
        'grad_output',
        'input1',
        'input2',
        'grad_input1',
        'grad_input2',
        'kH',
        'kW',
        'patchH',
        'patchW',
        'padH',
        'padW',
        'dilationH',
        'dilationW',
        'dilation_patchH',
        'dilation_patchW',
        'dH',
        'dW',
      ],
      rules: { grad_output: 'same', input1: 'same', input2: 'same', grad_input1: 'same', grad_input2: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:837; mmcv/ops/csrc/pytorch/correlation.cpp:38; mmcv/ops/csrc/pytorch/cuda/correlation_cuda.cu:66-78',
    },
  ],
  [
    'correlation_forward',
    {
      params: [
        'input1',
        'input2',
        'output',
        'kH',
        'kW',
        'patchH',
        'patchW',
        'padH',
        'padW',
        'dilationH',
        'dilationW',
        'dilation_patchH',
        'dilation_patchW',
        'dH',
        'dW',
      ],
      rules: { input1: 'same', input2: 'same', output: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:831; mmcv/ops/csrc/pytorch/correlation.cpp:29; mmcv/ops/csrc/pytorch/cuda/correlation_cuda.cu:32-39',
    },
  ],
  [
    'deform_conv_backward_input',
    {
      params: [
        'input',
        'offset',
        'gradOutput',
        'gradInput',
        'gradOffset',
        'weight',
        'columns',
        'kW',
        'kH',
        'dW',
        'dH',
        'padW',
        'padH',
        'dilationW',
        'dilationH',
        'group',
        'deformable_group',
        'im2col_step',
      ],
      rules: {
        input: 'same',
        offset: 'same',
        gradOutput: 'same',
        gradInput: 'same',
        gradOffset: 'same',
        weight: 'same',
        columns: 'any',
      },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:531; mmcv/ops/csrc/pytorch/deform_conv.cpp:262-396 (columns replaced at 322; weight and gradOutput meet it in addmm_ at 352); mmcv/ops/csrc/pytorch/cuda/deform_conv_cuda.cu:56-93',
    },
  ],
  [
    'deform_conv_backward_parameters',
    {
      params: [
        'input',
        'offset',
        'gradOutput',
        'gradWeight',
        'columns',
        'ones',
        'kW',
        'kH',
        'dW',
        'dH',
        'padW',
        'padH',
        'dilationW',
        'dilationH',
        'group',
        'deformable_group',
        'scale',
        'im2col_step',
      ],
      rules: { input: 'same', offset: 'same', gradOutput: 'same', gradWeight: 'same', columns: 'any', ones: 'any' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:538; mmcv/ops/csrc/pytorch/deform_conv.cpp:397-525 (columns replaced at 457, ones never read; gradOutput is copied into a buffer of its own dtype at 465 that meets gradWeight and columns in addmm_ at 502); mmcv/ops/csrc/pytorch/cuda/deform_conv_cuda.cu:22-26',
    },
  ],
  [
    'deform_conv_forward',
    {
      params: [
        'input',
        'weight',
        'offset',
        'output',
        'columns',
        'ones',
        'kW',
        'kH',
        'dW',
        'dH',
        'padW',
        'padH',
        'dilationW',
        'dilationH',
        'group',
        'deformable_group',
        'im2col_step',
      ],
      rules: { input: 'same', weight: 'same', offset: 'same', output: 'same', columns: 'any', ones: 'any' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:525; mmcv/ops/csrc/pytorch/deform_conv.cpp:140-262 (columns and ones replaced at 197 and 203, ones never read; weight and output meet columns in addmm_ at 232); mmcv/ops/csrc/pytorch/cuda/deform_conv_cuda.cu:22-26',
    },
  ],
  [
    'deform_roi_pool_backward',
    {
      params: [
        'grad_output',
        'input',
        'rois',
        'offset',
        'grad_input',
        'grad_offset',
        'pooled_height',
        'pooled_width',
        'spatial_scale',
        'sampling_ratio',
        'gamma',
      ],
      rules: { grad_output: 'same', input: 'same', rois: 'same', offset: 'same', grad_input: 'same', grad_offset: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:550; mmcv/ops/csrc/pytorch/deform_roi_pool.cpp:34; mmcv/ops/csrc/pytorch/cuda/deform_roi_pool_cuda.cu:42-49',
    },
  ],
  [
    'deform_roi_pool_forward',
    {
      params: ['input', 'rois', 'offset', 'output', 'pooled_height', 'pooled_width', 'spatial_scale', 'sampling_ratio', 'gamma'],
      rules: { input: 'same', rois: 'same', offset: 'same', output: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:545; mmcv/ops/csrc/pytorch/deform_roi_pool.cpp:25; mmcv/ops/csrc/pytorch/cuda/deform_roi_pool_cuda.cu:17-23',
    },
  ],
  [
    'diff_iou_rotated_sort_vertices_forward',
    {
      params: ['vertices', 'mask', 'num_valid'],
      rules: { vertices: 'float32', mask: 'bool', num_valid: 'int' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:895; mmcv/ops/csrc/pytorch/diff_iou_rotated.cpp:11; mmcv/ops/csrc/pytorch/cuda/diff_iou_rotated_cuda.cu:30-31',
    },
  ],
  [
    'dynamic_point_to_voxel_backward',
    {
      params: ['grad_feats', 'grad_reduced_feats', 'feats', 'reduced_feats', 'coors_idx', 'reduce_count', 'reduce_type'],
      rules: {
        grad_feats: 'same',
        grad_reduced_feats: 'same',
        feats: 'same',
        reduced_feats: 'same',
        coors_idx: 'int',
        reduce_count: 'int',
      },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:798; mmcv/ops/csrc/pytorch/scatter_points.cpp:43; mmcv/ops/csrc/pytorch/cuda/scatter_points_cuda.cu:85-126',
    },
  ],
  [
    'dynamic_point_to_voxel_forward',
    {
      params: ['feats', 'coors', 'reduce_type'],
      rules: { feats: 'same', coors: 'any' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:795; mmcv/ops/csrc/pytorch/scatter_points.cpp:36; mmcv/ops/csrc/pytorch/cuda/scatter_points_cuda.cu:24-56 (coors only goes through masked_fill and unique_dim, then int32 copies)',
    },
  ],
  [
    'dynamic_voxelize_forward',
    {
      params: ['points', 'voxel_size', 'coors_range', 'coors', 'NDim'],
      rules: { points: 'same', voxel_size: 'float32', coors_range: 'float32', coors: 'int' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:809; mmcv/ops/csrc/pytorch/voxelization.cpp:224; mmcv/ops/csrc/pytorch/cuda/voxelization_cuda.cu:277-280; mmcv/ops/csrc/pytorch/voxelization.cpp:147-236',
    },
  ],
  [
    'filtered_lrelu',
    {
      params: [
        'x',
        'fu',
        'fd',
        'b',
        'si',
        'up',
        'down',
        'px0',
        'px1',
        'py0',
        'py1',
        'sx',
        'sy',
        'gain',
        'slope',
        'clamp',
        'flip_filters',
        'writeSigns',
      ],
      rules: { x: 'same', fu: 'float32', fd: 'float32', b: 'same', si: 'any' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:923; mmcv/ops/csrc/pytorch/filtered_lrelu.cpp:14; mmcv/ops/csrc/pytorch/cuda/filtered_lrelu.cu:1648-1825 (TORCH_CHECK fu, fd float32 at 1648 and b.dtype() == x.dtype() at 1650; si is read, as uint8, only when not empty (1731, 1748), and the Python side passes torch.empty([0]) otherwise)',
    },
  ],
  [
    'filtered_lrelu_act_',
    {
      params: ['x', 'si', 'sx', 'sy', 'gain', 'slope', 'clamp', 'writeSigns'],
      rules: { x: 'same', si: 'any' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:929; mmcv/ops/csrc/pytorch/filtered_lrelu.cpp:32; mmcv/ops/csrc/pytorch/cuda/filtered_lrelu.cu:1965-2012 (si is read, as uint8, only when not empty: 1972, 1984)',
    },
  ],
  [
    'furthest_point_sampling_forward',
    {
      params: ['points_tensor', 'temp_tensor', 'idx_tensor', 'b', 'n', 'm'],
      rules: { points_tensor: 'float32', temp_tensor: 'float32', idx_tensor: 'int' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:624; mmcv/ops/csrc/pytorch/furthest_point_sample.cpp:22; mmcv/ops/csrc/pytorch/cuda/cudabind.cpp:484-486',
    },
  ],
  [
    'furthest_point_sampling_with_dist_forward',
    {
      params: ['points_tensor', 'temp_tensor', 'idx_tensor', 'b', 'n', 'm'],
      rules: { points_tensor: 'float32', temp_tensor: 'float32', idx_tensor: 'int' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:628; mmcv/ops/csrc/pytorch/furthest_point_sample.cpp:28; mmcv/ops/csrc/pytorch/cuda/cudabind.cpp:494-496',
    },
  ],
  [
    'fused_bias_leakyrelu',
    {
      params: ['input', 'bias', 'empty', 'act', 'grad', 'alpha', 'scale'],
      rules: { input: 'same', bias: 'same', empty: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:478; mmcv/ops/csrc/pytorch/fused_bias_leakyrelu.cpp:113; mmcv/ops/csrc/pytorch/cuda/fused_bias_leakyrelu_cuda.cu:100-104',
    },
  ],
  [
    'gather_points_backward',
    {
      params: ['grad_out_tensor', 'idx_tensor', 'grad_points_tensor', 'b', 'c', 'n', 'npoints'],
      rules: { grad_out_tensor: 'same', idx_tensor: 'int', grad_points_tensor: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:486; mmcv/ops/csrc/pytorch/gather_points.cpp:25; mmcv/ops/csrc/pytorch/cuda/gather_points_cuda.cu:49-54',
    },
  ],
  [
    'gather_points_forward',
    {
      params: ['points_tensor', 'idx_tensor', 'out_tensor', 'b', 'c', 'n', 'npoints'],
      rules: { points_tensor: 'same', idx_tensor: 'int', out_tensor: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:482; mmcv/ops/csrc/pytorch/gather_points.cpp:18; mmcv/ops/csrc/pytorch/cuda/gather_points_cuda.cu:22-27',
    },
  ],
  [
    'group_points_backward',
    {
      params: ['grad_out_tensor', 'idx_tensor', 'grad_points_tensor', 'b', 'c', 'n', 'npoints', 'nsample'],
      rules: { grad_out_tensor: 'same', idx_tensor: 'int', grad_points_tensor: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:596; mmcv/ops/csrc/pytorch/group_points.cpp:29; mmcv/ops/csrc/pytorch/cuda/group_points_cuda.cu:52-57',
    },
  ],
  [
    'group_points_forward',
    {
      params: ['points_tensor', 'idx_tensor', 'out_tensor', 'b', 'c', 'n', 'npoints', 'nsample'],
      rules: { points_tensor: 'same', idx_tensor: 'int', out_tensor: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:592; mmcv/ops/csrc/pytorch/group_points.cpp:22; mmcv/ops/csrc/pytorch/cuda/group_points_cuda.cu:25-30',
    },
  ],
  [
    'hard_voxelize_forward',
    {
      params: [
        'points',
        'voxel_size',
        'coors_range',
        'voxels',
        'coors',
        'num_points_per_voxel',
        'voxel_num',
        'max_points',
        'max_voxels',
        'NDim',
        'deterministic',
      ],
      rules: {
        points: 'same',
        voxel_size: 'float32',
        coors_range: 'float32',
        voxels: 'same',
        coors: 'int',
        num_points_per_voxel: 'int',
        voxel_num: 'long',
      },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:803; mmcv/ops/csrc/pytorch/voxelization.cpp:192-222; mmcv/ops/csrc/pytorch/cuda/voxelization_cuda.cu:44-239 (deterministic path reads points and voxels as float at 116-119, the other path as scalar_t at 187-237: either way voxels match points)',
    },
  ],
  [
    'indice_conv_backward',
    {
      params: ['features', 'filters', 'outGrad', 'indicePairs', 'indiceNum', '_inverse', '_subM'],
      rules: { features: 'same', filters: 'same', outGrad: 'same', indicePairs: 'int', indiceNum: 'int' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:742; mmcv/ops/csrc/pytorch/spconv_ops.cpp:213; mmcv/ops/csrc/pytorch/cuda/spconv_ops_cuda.cu:336-432 (indiceNum read as int at 354-356; filters and outGrad in mm_out at 375-376 and 421-422)',
    },
  ],
  [
    'indice_conv_forward',
    {
      params: ['features', 'filters', 'indicePairs', 'indiceNum', 'numActOut', '_inverse', '_subM'],
      rules: { features: 'same', filters: 'same', indicePairs: 'int', indiceNum: 'int' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:738; mmcv/ops/csrc/pytorch/spconv_ops.cpp:197; mmcv/ops/csrc/pytorch/cuda/spconv_ops_cuda.cu:247-332 (indiceNum moved to the CPU and read as int at 259-261; filters meet buffers of the features dtype in mm_out at 277 and 316)',
    },
  ],
  [
    'indice_maxpool_backward',
    {
      params: ['features', 'outFeatures', 'outGrad', 'indicePairs', 'indiceNum'],
      rules: { features: 'same', outFeatures: 'same', outGrad: 'same', indicePairs: 'int', indiceNum: 'int' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:753; mmcv/ops/csrc/pytorch/sparse_pool_ops.cpp:41; mmcv/ops/csrc/pytorch/cuda/sparse_pool_ops_cuda.cu:63-85',
    },
  ],
  [
    'indice_maxpool_forward',
    {
      params: ['features', 'indicePairs', 'indiceNum', 'numAct'],
      rules: { features: 'same', indicePairs: 'int', indiceNum: 'int' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:750; mmcv/ops/csrc/pytorch/sparse_pool_ops.cpp:26; mmcv/ops/csrc/pytorch/cuda/sparse_pool_ops_cuda.cu:24-41',
    },
  ],
  [
    'iou3d_boxes_overlap_bev_forward',
    {
      params: ['boxes_a', 'boxes_b', 'ans_iou'],
      rules: { boxes_a: 'float32', boxes_b: 'float32', ans_iou: 'float32' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:615; mmcv/ops/csrc/pytorch/iou3d.cpp:35; mmcv/ops/csrc/pytorch/cuda/iou3d_cuda.cu:30-31',
    },
  ],
  [
    'iou3d_nms3d_forward',
    {
      params: ['boxes', 'keep', 'num_out', 'nms_overlap_thresh'],
      rules: { boxes: 'float32', keep: 'long', num_out: 'any' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:618; mmcv/ops/csrc/pytorch/iou3d.cpp:47; mmcv/ops/csrc/pytorch/cuda/iou3d_cuda.cu:55-67 (keep takes int64 indices through index_put_, which requires equal dtypes; num_out is only filled)',
    },
  ],
  [
    'iou3d_nms3d_normal_forward',
    {
      params: ['boxes', 'keep', 'num_out', 'nms_overlap_thresh'],
      rules: { boxes: 'float32', keep: 'long', num_out: 'any' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:621; mmcv/ops/csrc/pytorch/iou3d.cpp:57; mmcv/ops/csrc/pytorch/cuda/iou3d_cuda.cu:90-102 (keep takes int64 indices through index_put_; num_out is only filled)',
    },
  ],
  [
    'knn_forward',
    {
      params: ['xyz_tensor', 'new_xyz_tensor', 'idx_tensor', 'dist2_tensor', 'b', 'n', 'm', 'nsample'],
      rules: { xyz_tensor: 'same', new_xyz_tensor: 'same', idx_tensor: 'int', dist2_tensor: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:504; mmcv/ops/csrc/pytorch/knn.cpp:13; mmcv/ops/csrc/pytorch/cuda/knn_cuda.cu:25-30',
    },
  ],
  [
    'masked_col2im_forward',
    {
      params: ['col', 'mask_h_idx', 'mask_w_idx', 'im', 'height', 'width', 'channels'],
      rules: { col: 'same', mask_h_idx: 'long', mask_w_idx: 'long', im: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:637; mmcv/ops/csrc/pytorch/masked_conv2d.cpp:28; mmcv/ops/csrc/pytorch/cuda/masked_conv2d_cuda.cu:41-46',
    },
  ],
  [
    'masked_im2col_forward',
    {
      params: ['im', 'mask_h_idx', 'mask_w_idx', 'col', 'kernel_h', 'kernel_w', 'pad_h', 'pad_w'],
      rules: { im: 'same', mask_h_idx: 'long', mask_w_idx: 'long', col: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:633; mmcv/ops/csrc/pytorch/masked_conv2d.cpp:20; mmcv/ops/csrc/pytorch/cuda/masked_conv2d_cuda.cu:19-24',
    },
  ],
  [
    'min_area_polygons',
    {
      params: ['pointsets', 'polygons'],
      rules: { pointsets: 'same', polygons: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:883; mmcv/ops/csrc/pytorch/min_area_polygons.cpp:9; mmcv/ops/csrc/pytorch/cuda/min_area_polygons.cu:13-18',
    },
  ],
  [
    'modulated_deform_conv_backward',
    {
      params: [
        'input',
        'weight',
        'bias',
        'ones',
        'offset',
        'mask',
        'columns',
        'grad_input',
        'grad_weight',
        'grad_bias',
        'grad_offset',
        'grad_mask',
        'grad_output',
        'kernel_h',
        'kernel_w',
        'stride_h',
        'stride_w',
        'pad_h',
        'pad_w',
        'dilation_h',
        'dilation_w',
        'group',
        'deformable_group',
        'with_bias',
      ],
      rules: {
        input: 'same',
        weight: 'same',
        bias: 'any',
        ones: 'same',
        offset: 'same',
        mask: 'same',
        columns: 'any',
        grad_input: 'same',
        grad_weight: 'same',
        grad_bias: 'same',
        grad_offset: 'same',
        grad_mask: 'same',
        grad_output: 'same',
      },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:649; mmcv/ops/csrc/pytorch/modulated_deform_conv.cpp:414 -> 140-245 (bias never read; columns replaced at 176; addmm_ with weight and grad_output at 190, grad_weight at 229, grad_bias and ones at 235); mmcv/ops/csrc/pytorch/cuda/modulated_deform_conv_cuda.cu:16-81',
    },
  ],
  [
    'modulated_deform_conv_forward',
    {
      params: [
        'input',
        'weight',
        'bias',
        'ones',
        'offset',
        'mask',
        'output',
        'columns',
        'kernel_h',
        'kernel_w',
        'stride_h',
        'stride_w',
        'pad_h',
        'pad_w',
        'dilation_h',
        'dilation_w',
        'group',
        'deformable_group',
        'with_bias',
      ],
      rules: {
        input: 'same',
        weight: 'same',
        bias: 'any',
        ones: 'any',
        offset: 'same',
        mask: 'same',
        output: 'same',
        columns: 'any',
      },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:641; mmcv/ops/csrc/pytorch/modulated_deform_conv.cpp:395 -> 62-138 (ones and columns replaced at 95 and 176-178, ones never read; weight and output meet columns in addmm_ at 122; bias is added in place at 136, which converts); mmcv/ops/csrc/pytorch/cuda/modulated_deform_conv_cuda.cu:16-21',
    },
  ],
  [
    'ms_deform_attn_backward',
    {
      params: [
        'value',
        'value_spatial_shapes',
        'value_level_start_index',
        'sampling_locations',
        'attention_weights',
        'grad_output',
        'grad_value',
        'grad_sampling_loc',
        'grad_attn_weight',
        'im2col_step',
      ],
      rules: {
        value: 'same',
        value_spatial_shapes: 'long',
        value_level_start_index: 'long',
        sampling_locations: 'same',
        attention_weights: 'same',
        grad_output: 'same',
        grad_value: 'same',
        grad_sampling_loc: 'same',
        grad_attn_weight: 'same',
      },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:817; mmcv/ops/csrc/pytorch/ms_deform_attn.cpp:48; mmcv/ops/csrc/pytorch/cuda/ms_deform_attn_cuda.cu:329-347',
    },
  ],
  [
    'ms_deform_attn_forward',
    {
      params: [
        'value',
        'value_spatial_shapes',
        'value_level_start_index',
        'sampling_locations',
        'attention_weights',
        'im2col_step',
      ],
      rules: {
        value: 'same',
        value_spatial_shapes: 'long',
        value_level_start_index: 'long',
        sampling_locations: 'same',
        attention_weights: 'same',
      },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:812; mmcv/ops/csrc/pytorch/ms_deform_attn.cpp:38; mmcv/ops/csrc/pytorch/cuda/ms_deform_attn_cuda.cu:258-267',
    },
  ],
  [
    'nms',
    {
      params: ['boxes', 'scores', 'iou_threshold', 'offset'],
      rules: { boxes: 'float32', scores: 'any' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:658; mmcv/ops/csrc/pytorch/nms.cpp:76; mmcv/ops/csrc/pytorch/cuda/nms_cuda.cu:12-24 (scores are only sorted; boxes are read as float through the sorted copy)',
    },
  ],
  [
    'nms_quadri',
    {
      params: ['dets', 'scores', 'order', 'dets_sorted', 'iou_threshold', 'multi_label'],
      rules: { dets: 'any', scores: 'any', order: 'any', dets_sorted: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:936; mmcv/ops/csrc/pytorch/nms_quadri.cpp:20-26; mmcv/ops/csrc/pytorch/cuda/nms_quadri_cuda.cu:13-57 (only dets_sorted is read; dets for its size, order indexed); the CPU path differs: cpu/nms_quadri.cpp:14 asserts dets and scores share a dtype',
    },
  ],
  [
    'nms_rotated',
    {
      params: ['dets', 'scores', 'order', 'dets_sorted', 'labels', 'iou_threshold', 'multi_label'],
      rules: { dets: 'any', scores: 'any', order: 'any', dets_sorted: 'same', labels: 'any' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:773; mmcv/ops/csrc/pytorch/nms_rotated.cpp:34-40; mmcv/ops/csrc/pytorch/cuda/nms_rotated_cuda.cu:15-59 (only dets_sorted is read; dets for its size, order indexed); the CPU path differs: cpu/nms_rotated.cpp:16 asserts dets and scores share a dtype',
    },
  ],
  [
    'pixel_group',
    {
      params: ['score', 'mask', 'embedding', 'kernel_label', 'kernel_contour', 'kernel_region_label', 'distance_threshold'],
      rules: { score: 'float32', mask: 'bool', embedding: 'float32', kernel_label: 'int', kernel_contour: 'uint8' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:666; mmcv/ops/csrc/pytorch/pixel_group.cpp:15; mmcv/ops/csrc/pytorch/cpu/pixel_group.cpp:51-55 (CPU only: no CUDA kernel)',
    },
  ],
  [
    'points_in_boxes_all_forward',
    {
      params: ['boxes_tensor', 'pts_tensor', 'box_idx_of_points_tensor'],
      rules: { boxes_tensor: 'same', pts_tensor: 'same', box_idx_of_points_tensor: 'int' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:850; mmcv/ops/csrc/pytorch/points_in_boxes.cpp:34; mmcv/ops/csrc/pytorch/cuda/points_in_boxes_cuda.cu:53-58',
    },
  ],
  [
    'points_in_boxes_cpu_forward',
    {
      params: ['boxes_tensor', 'pts_tensor', 'pts_indices_tensor'],
      rules: { boxes_tensor: 'float32', pts_tensor: 'float32', pts_indices_tensor: 'int' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:844; mmcv/ops/csrc/pytorch/cpu/points_in_boxes.cpp:28; mmcv/ops/csrc/pytorch/cpu/points_in_boxes.cpp:41-43 (CPU only: no CUDA kernel)',
    },
  ],
  [
    'points_in_boxes_part_forward',
    {
      params: ['boxes_tensor', 'pts_tensor', 'box_idx_of_points_tensor'],
      rules: { boxes_tensor: 'same', pts_tensor: 'same', box_idx_of_points_tensor: 'int' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:847; mmcv/ops/csrc/pytorch/points_in_boxes.cpp:20; mmcv/ops/csrc/pytorch/cuda/points_in_boxes_cuda.cu:27-32',
    },
  ],
  [
    'points_in_polygons_forward',
    {
      params: ['points', 'polygons', 'output'],
      rules: { points: 'same', polygons: 'same', output: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:880; mmcv/ops/csrc/pytorch/points_in_polygons.cpp:11; mmcv/ops/csrc/pytorch/cuda/points_in_polygons_cuda.cu:17-21',
    },
  ],
  [
    'prroi_pool_backward',
    {
      params: ['grad_output', 'rois', 'grad_input', 'pooled_height', 'pooled_width', 'spatial_scale'],
      rules: { grad_output: 'float32', rois: 'float32', grad_input: 'float32' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:910; mmcv/ops/csrc/pytorch/prroi_pool.cpp:35; mmcv/ops/csrc/pytorch/cuda/prroi_pool_cuda.cu:37-38',
    },
  ],
  [
    'prroi_pool_coor_backward',
    {
      params: ['output', 'grad_output', 'input', 'rois', 'grad_rois', 'pooled_height', 'pooled_width', 'spatial_scale'],
      rules: { output: 'float32', grad_output: 'float32', input: 'float32', rois: 'float32', grad_rois: 'float32' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:914; mmcv/ops/csrc/pytorch/prroi_pool.cpp:42; mmcv/ops/csrc/pytorch/cuda/prroi_pool_cuda.cu:59-61',
    },
  ],
  [
    'prroi_pool_forward',
    {
      params: ['input', 'rois', 'output', 'pooled_height', 'pooled_width', 'spatial_scale'],
      rules: { input: 'float32', rois: 'float32', output: 'float32' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:906; mmcv/ops/csrc/pytorch/prroi_pool.cpp:28; mmcv/ops/csrc/pytorch/cuda/prroi_pool_cuda.cu:17-18',
    },
  ],
  [
    'psamask_backward',
    {
      params: [
        'grad_output',
        'grad_input',
        'psa_type',
        'num_',
        'h_feature',
        'w_feature',
        'h_mask',
        'w_mask',
        'half_h_mask',
        'half_w_mask',
      ],
      rules: { grad_output: 'same', grad_input: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:761; mmcv/ops/csrc/pytorch/psamask.cpp:35; mmcv/ops/csrc/pytorch/cuda/psamask_cuda.cu:44-58',
    },
  ],
  [
    'psamask_forward',
    {
      params: ['input', 'output', 'psa_type', 'num_', 'h_feature', 'w_feature', 'h_mask', 'w_mask', 'half_h_mask', 'half_w_mask'],
      rules: { input: 'same', output: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:756; mmcv/ops/csrc/pytorch/psamask.cpp:27; mmcv/ops/csrc/pytorch/cuda/psamask_cuda.cu:19-33',
    },
  ],
  [
    'riroi_align_rotated_backward',
    {
      params: [
        'top_grad',
        'rois',
        'bottom_grad',
        'pooled_height',
        'pooled_width',
        'spatial_scale',
        'num_samples',
        'num_orientations',
        'clockwise',
      ],
      rules: { top_grad: 'same', rois: 'same', bottom_grad: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:874; mmcv/ops/csrc/pytorch/riroi_align_rotated.cpp:34; mmcv/ops/csrc/pytorch/cuda/riroi_align_rotated_cuda.cu:41-45',
    },
  ],
  [
    'riroi_align_rotated_forward',
    {
      params: [
        'features',
        'rois',
        'output',
        'pooled_height',
        'pooled_width',
        'spatial_scale',
        'num_samples',
        'num_orientations',
        'clockwise',
      ],
      rules: { features: 'same', rois: 'same', output: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:869; mmcv/ops/csrc/pytorch/riroi_align_rotated.cpp:25; mmcv/ops/csrc/pytorch/cuda/riroi_align_rotated_cuda.cu:15-19',
    },
  ],
  [
    'roi_align_backward',
    {
      params: [
        'grad_output',
        'rois',
        'argmax_y',
        'argmax_x',
        'grad_input',
        'aligned_height',
        'aligned_width',
        'spatial_scale',
        'sampling_ratio',
        'pool_mode',
        'aligned',
      ],
      rules: { grad_output: 'same', rois: 'same', argmax_y: 'same', argmax_x: 'same', grad_input: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:678; mmcv/ops/csrc/pytorch/roi_align.cpp:154; mmcv/ops/csrc/pytorch/cuda/roi_align_cuda.cu:45-51',
    },
  ],
  [
    'roi_align_forward',
    {
      params: [
        'input',
        'rois',
        'output',
        'argmax_y',
        'argmax_x',
        'aligned_height',
        'aligned_width',
        'spatial_scale',
        'sampling_ratio',
        'pool_mode',
        'aligned',
      ],
      rules: { input: 'same', rois: 'same', output: 'same', argmax_y: 'same', argmax_x: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:673; mmcv/ops/csrc/pytorch/roi_align.cpp:139; mmcv/ops/csrc/pytorch/cuda/roi_align_cuda.cu:17-23',
    },
  ],
  [
    'roi_align_rotated_backward',
    {
      params: [
        'rois',
        'grad_input',
        'grad_output',
        'pooled_height',
        'pooled_width',
        'spatial_scale',
        'sampling_ratio',
        'aligned',
        'clockwise',
      ],
      rules: { rois: 'same', grad_input: 'same', grad_output: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:790; mmcv/ops/csrc/pytorch/roi_align_rotated.cpp:33; mmcv/ops/csrc/pytorch/cuda/roi_align_rotated_cuda.cu:33-37',
    },
  ],
  [
    'roi_align_rotated_forward',
    {
      params: [
        'input',
        'rois',
        'output',
        'pooled_height',
        'pooled_width',
        'spatial_scale',
        'sampling_ratio',
        'aligned',
        'clockwise',
      ],
      rules: { input: 'same', rois: 'same', output: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:785; mmcv/ops/csrc/pytorch/roi_align_rotated.cpp:24; mmcv/ops/csrc/pytorch/cuda/roi_align_rotated_cuda.cu:11-15',
    },
  ],
  [
    'roi_pool_backward',
    {
      params: ['grad_output', 'rois', 'argmax', 'grad_input', 'pooled_height', 'pooled_width', 'spatial_scale'],
      rules: { grad_output: 'same', rois: 'same', argmax: 'int', grad_input: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:687; mmcv/ops/csrc/pytorch/roi_pool.cpp:26; mmcv/ops/csrc/pytorch/cuda/roi_pool_cuda.cu:39-45',
    },
  ],
  [
    'roi_pool_forward',
    {
      params: ['input', 'rois', 'output', 'argmax', 'pooled_height', 'pooled_width', 'spatial_scale'],
      rules: { input: 'same', rois: 'same', output: 'same', argmax: 'int' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:683; mmcv/ops/csrc/pytorch/roi_pool.cpp:19; mmcv/ops/csrc/pytorch/cuda/roi_pool_cuda.cu:15-21',
    },
  ],
  [
    'roiaware_pool3d_backward',
    {
      params: ['pts_idx_of_voxels', 'argmax', 'grad_out', 'grad_in', 'pool_method'],
      rules: { pts_idx_of_voxels: 'int', argmax: 'int', grad_out: 'same', grad_in: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:857; mmcv/ops/csrc/pytorch/roiaware_pool3d.cpp:54; mmcv/ops/csrc/pytorch/cuda/roiaware_pool3d_cuda.cu:101-113',
    },
  ],
  [
    'roipoint_pool3d_forward',
    {
      params: ['xyz', 'boxes3d', 'pts_feature', 'pooled_features', 'pooled_empty_flag'],
      rules: { xyz: 'same', boxes3d: 'same', pts_feature: 'same', pooled_features: 'same', pooled_empty_flag: 'int' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:556; mmcv/ops/csrc/pytorch/roipoint_pool3d.cpp:23; mmcv/ops/csrc/pytorch/cuda/roipoint_pool3d_cuda.cu:30-58',
    },
  ],
  [
    'rotated_feature_align_backward',
    {
      params: ['top_grad', 'best_bboxes', 'bottom_grad', 'spatial_scale', 'points'],
      rules: { top_grad: 'same', best_bboxes: 'same', bottom_grad: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:865; mmcv/ops/csrc/pytorch/rotated_feature_align.cpp:32; mmcv/ops/csrc/pytorch/cuda/rotated_feature_align_cuda.cu:39-44',
    },
  ],
  [
    'rotated_feature_align_forward',
    {
      params: ['features', 'best_bboxes', 'output', 'spatial_scale', 'points'],
      rules: { features: 'same', best_bboxes: 'same', output: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:861; mmcv/ops/csrc/pytorch/rotated_feature_align.cpp:24; mmcv/ops/csrc/pytorch/cuda/rotated_feature_align_cuda.cu:15-20',
    },
  ],
  [
    'sigmoid_focal_loss_backward',
    {
      params: ['input', 'target', 'weight', 'grad_input', 'gamma', 'alpha'],
      rules: { input: 'same', target: 'long', weight: 'same', grad_input: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:564; mmcv/ops/csrc/pytorch/focal_loss.cpp:137; mmcv/ops/csrc/pytorch/cuda/focal_loss_cuda.cu:38-44',
    },
  ],
  [
    'sigmoid_focal_loss_forward',
    {
      params: ['input', 'target', 'weight', 'output', 'gamma', 'alpha'],
      rules: { input: 'same', target: 'long', weight: 'same', output: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:560; mmcv/ops/csrc/pytorch/focal_loss.cpp:128; mmcv/ops/csrc/pytorch/cuda/focal_loss_cuda.cu:16-22',
    },
  ],
  [
    'softmax_focal_loss_backward',
    {
      params: ['input', 'target', 'weight', 'buff', 'grad_input', 'gamma', 'alpha'],
      rules: { input: 'same', target: 'long', weight: 'same', buff: 'same', grad_input: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:572; mmcv/ops/csrc/pytorch/focal_loss.cpp:153; mmcv/ops/csrc/pytorch/cuda/focal_loss_cuda.cu:83-107',
    },
  ],
  [
    'softmax_focal_loss_forward',
    {
      params: ['input', 'target', 'weight', 'output', 'gamma', 'alpha'],
      rules: { input: 'same', target: 'long', weight: 'same', output: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:568; mmcv/ops/csrc/pytorch/focal_loss.cpp:148; mmcv/ops/csrc/pytorch/cuda/focal_loss_cuda.cu:61-67',
    },
  ],
  [
    'softnms',
    {
      params: ['boxes', 'scores', 'dets', 'iou_threshold', 'sigma', 'min_score', 'method', 'offset'],
      rules: { boxes: 'float32', scores: 'float32', dets: 'float32' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:660; mmcv/ops/csrc/pytorch/nms.cpp:84; mmcv/ops/csrc/pytorch/cpu/nms.cpp:75-81 (CPU only: no CUDA kernel)',
    },
  ],
  [
    'stack_ball_query_forward',
    {
      params: ['new_xyz_tensor', 'new_xyz_batch_cnt', 'xyz_tensor', 'xyz_batch_cnt', 'idx_tensor', 'max_radius', 'nsample'],
      rules: { new_xyz_tensor: 'same', new_xyz_batch_cnt: 'int', xyz_tensor: 'same', xyz_batch_cnt: 'int', idx_tensor: 'int' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:780; mmcv/ops/csrc/pytorch/ball_query.cpp:31; mmcv/ops/csrc/pytorch/cuda/stack_ball_query_cuda.cu:35-41',
    },
  ],
  [
    'stack_group_points_backward',
    {
      params: [
        'grad_out_tensor',
        'idx_tensor',
        'idx_batch_cnt_tensor',
        'features_batch_cnt_tensor',
        'grad_features_tensor',
        'b',
        'c',
        'm',
        'n',
        'nsample',
      ],
      rules: {
        grad_out_tensor: 'same',
        idx_tensor: 'int',
        idx_batch_cnt_tensor: 'int',
        features_batch_cnt_tensor: 'int',
        grad_features_tensor: 'same',
      },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:605; mmcv/ops/csrc/pytorch/group_points.cpp:47; mmcv/ops/csrc/pytorch/cuda/stack_group_points_cuda.cu:49-58',
    },
  ],
  [
    'stack_group_points_forward',
    {
      params: [
        'features_tensor',
        'features_batch_cnt_tensor',
        'idx_tensor',
        'idx_batch_cnt_tensor',
        'out_tensor',
        'b',
        'c',
        'm',
        'nsample',
      ],
      rules: {
        features_tensor: 'same',
        features_batch_cnt_tensor: 'int',
        idx_tensor: 'int',
        idx_batch_cnt_tensor: 'int',
        out_tensor: 'same',
      },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:600; mmcv/ops/csrc/pytorch/group_points.cpp:68; mmcv/ops/csrc/pytorch/cuda/stack_group_points_cuda.cu:24-33',
    },
  ],
  [
    'sync_bn_backward_data',
    {
      params: ['grad_output', 'weight', 'grad_weight', 'grad_bias', 'norm', 'std', 'grad_input'],
      rules: {
        grad_output: 'same',
        weight: 'float32',
        grad_weight: 'float32',
        grad_bias: 'float32',
        norm: 'float32',
        std: 'float32',
        grad_input: 'same',
      },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:704; mmcv/ops/csrc/pytorch/sync_bn.cpp:63; mmcv/ops/csrc/pytorch/cuda/sync_bn_cuda.cu:99-106',
    },
  ],
  [
    'sync_bn_backward_param',
    {
      params: ['grad_output', 'norm', 'grad_weight', 'grad_bias'],
      rules: { grad_output: 'same', norm: 'float32', grad_weight: 'float32', grad_bias: 'float32' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:701; mmcv/ops/csrc/pytorch/sync_bn.cpp:58; mmcv/ops/csrc/pytorch/cuda/sync_bn_cuda.cu:75-80',
    },
  ],
  [
    'sync_bn_forward_mean',
    {
      params: ['input', 'mean'],
      rules: { input: 'same', mean: 'float32' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:691; mmcv/ops/csrc/pytorch/sync_bn.cpp:39; mmcv/ops/csrc/pytorch/cuda/sync_bn_cuda.cu:12-16',
    },
  ],
  [
    'sync_bn_forward_output',
    {
      params: [
        'input',
        'mean',
        'var',
        'weight',
        'bias',
        'running_mean',
        'running_var',
        'norm',
        'std',
        'output',
        'eps',
        'momentum',
        'group_size',
      ],
      rules: {
        input: 'same',
        mean: 'float32',
        var: 'float32',
        weight: 'float32',
        bias: 'float32',
        running_mean: 'float32',
        running_var: 'float32',
        norm: 'float32',
        std: 'float32',
        output: 'same',
      },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:695; mmcv/ops/csrc/pytorch/sync_bn.cpp:47; mmcv/ops/csrc/pytorch/cuda/sync_bn_cuda.cu:51-59',
    },
  ],
  [
    'sync_bn_forward_var',
    {
      params: ['input', 'mean', 'var'],
      rules: { input: 'same', mean: 'float32', var: 'float32' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:693; mmcv/ops/csrc/pytorch/sync_bn.cpp:43; mmcv/ops/csrc/pytorch/cuda/sync_bn_cuda.cu:30-35',
    },
  ],
  [
    'three_interpolate_backward',
    {
      params: ['grad_out_tensor', 'idx_tensor', 'weight_tensor', 'grad_points_tensor', 'b', 'c', 'n', 'm'],
      rules: { grad_out_tensor: 'same', idx_tensor: 'int', weight_tensor: 'same', grad_points_tensor: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:580; mmcv/ops/csrc/pytorch/three_interpolate.cpp:28; mmcv/ops/csrc/pytorch/cuda/three_interpolate_cuda.cu:57-62',
    },
  ],
  [
    'three_interpolate_forward',
    {
      params: ['points_tensor', 'idx_tensor', 'weight_tensor', 'out_tensor', 'b', 'c', 'm', 'n'],
      rules: { points_tensor: 'same', idx_tensor: 'int', weight_tensor: 'same', out_tensor: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:576; mmcv/ops/csrc/pytorch/three_interpolate.cpp:21; mmcv/ops/csrc/pytorch/cuda/three_interpolate_cuda.cu:29-34',
    },
  ],
  [
    'three_nn_forward',
    {
      params: ['unknown_tensor', 'known_tensor', 'dist2_tensor', 'idx_tensor', 'b', 'n', 'm'],
      rules: { unknown_tensor: 'same', known_tensor: 'same', dist2_tensor: 'same', idx_tensor: 'int' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:585; mmcv/ops/csrc/pytorch/three_nn.cpp:13; mmcv/ops/csrc/pytorch/cuda/three_nn_cuda.cu:27-31',
    },
  ],
  [
    'tin_shift_backward',
    {
      params: ['grad_output', 'shift', 'grad_input'],
      rules: { grad_output: 'same', shift: 'int', grad_input: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:768; mmcv/ops/csrc/pytorch/tin_shift.cpp:18; mmcv/ops/csrc/pytorch/cuda/tin_shift_cuda.cu:44-49',
    },
  ],
  [
    'tin_shift_forward',
    {
      params: ['input', 'shift', 'output'],
      rules: { input: 'same', shift: 'int', output: 'same' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:766; mmcv/ops/csrc/pytorch/tin_shift.cpp:14; mmcv/ops/csrc/pytorch/cuda/tin_shift_cuda.cu:19-24',
    },
  ],
  [
    'upfirdn2d',
    {
      params: ['input', 'filter', 'upx', 'upy', 'downx', 'downy', 'padx0', 'padx1', 'pady0', 'pady1', 'flip', 'gain'],
      rules: { input: 'same', filter: 'float32' },
      source:
        'mmcv/ops/csrc/pytorch/pybind.cpp:474; mmcv/ops/csrc/pytorch/upfirdn2d.cpp:113; mmcv/ops/csrc/pytorch/cuda/upfirdn2d_kernel.cu:650-708',
    },
  ],
]);

/** The contract of a compiled kernel, or undefined when none is known (then the call is not judged). */
export function kernelContract(name: string): KernelContract | undefined {
  return KERNEL_CONTRACTS.get(name);
}
