_base_ = './retinanet_r50_fpn_1x_coco.py'
model = dict(backbone=dict(conv_cfg=dict(type='FusionConv')))
# mixed precision training
fp16 = dict(loss_scale='dynamic')
