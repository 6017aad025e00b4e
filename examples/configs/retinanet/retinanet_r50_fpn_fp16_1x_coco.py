_base_ = './retinanet_r50_fpn_1x_coco.py'
# mixed precision training
fp16 = dict(loss_scale=512.)
