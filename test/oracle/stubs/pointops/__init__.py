"""Stand-in for a project's own compiled point-cloud extension (`from pointops import _ext`).

What it models: an extension the analysis knows nothing about, written the way many research
repositories write their kernels: the C++ entry point converts every float operand to float32
(`.to(at::kFloat).contiguous()`) before launching, and returns its result in the dtype of the
features. Mixed half / float32 operands therefore run. The fixtures that use it are negatives:
a kernel without a known contract must not be judged.
"""
