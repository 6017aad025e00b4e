_base_ = [
    '../_base_/models/retinanet_r50_fpn.py',
    '../_base_/schedules/schedule_1x.py',
]
custom_imports = dict(imports=['models'], allow_failed_imports=False)
model = dict(neck=dict(type='FPN', conv_cfg=dict(type='FusedBiasConv')))
