"""The DNA Search demo teacher, a small MobileNetV2 for 28x28 grey Fashion-MNIST images, in PyTorch.

It is the built-in teacher's network with the built-in teacher's layer names: a submodule path
with dots read as underscores is the TF.js layer name (stage1.unit1.expand <-> stage1_unit1_expand),
so the teacher's weights load by name. A search with dna-search.json (next to this file, which
names it as teacher.sourceFile) shows its results here: a CodeLens above the model class, and
beside each stage (where it is built and where it runs) what the student chose for it. DNA Search
finds each stage by its name ("self.stage1"); see ../README.md for region markers.
"""
from collections import OrderedDict

import torch
import torch.nn.functional as F
from torch import nn


def tf_same_pad(x: torch.Tensor, kernel: int, stride: int) -> torch.Tensor:
    """Pads like TensorFlow's padding="same" (an odd extra row/column goes bottom/right), which the teacher was trained with."""
    height, width = x.shape[-2:]
    pad_h = max(((height + stride - 1) // stride - 1) * stride + kernel - height, 0)
    pad_w = max(((width + stride - 1) // stride - 1) * stride + kernel - width, 0)
    return F.pad(x, (pad_w // 2, pad_w - pad_w // 2, pad_h // 2, pad_h - pad_h // 2))


def batch_norm(channels: int) -> nn.BatchNorm2d:
    """Keras' batch norm defaults (epsilon 1e-3, momentum 0.99, which is 0.01 in PyTorch's convention)."""
    return nn.BatchNorm2d(channels, eps=1e-3, momentum=0.01)


class InvertedResidual(nn.Module):
    """An inverted residual unit: 1x1 expand, 3x3 depthwise, 1x1 project; a shortcut when the shape stays."""

    def __init__(self, in_channels: int, out_channels: int, stride: int, expansion: int = 4):
        super().__init__()
        hidden = in_channels * expansion
        self.stride = stride
        self.residual = stride == 1 and in_channels == out_channels
        self.expand = nn.Conv2d(in_channels, hidden, 1, bias=False)
        self.expand_bn = batch_norm(hidden)
        self.dw = nn.Conv2d(hidden, hidden, 3, stride=stride, groups=hidden, bias=False)
        self.dw_bn = batch_norm(hidden)
        self.project = nn.Conv2d(hidden, out_channels, 1, bias=False)
        self.project_bn = batch_norm(out_channels)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = F.relu6(self.expand_bn(self.expand(x)))
        y = F.relu6(self.dw_bn(self.dw(tf_same_pad(y, 3, self.stride))))
        y = self.project_bn(self.project(y))
        return x + y if self.residual else y


class FashionMobileNetV2(nn.Module):
    """Fashion-MNIST MobileNetV2: (N, 1, 28, 28) images -> (N, 10) class probabilities; 301,210 weights."""

    def __init__(self):
        super().__init__()
        self.stem_conv = nn.Conv2d(1, 16, 3, stride=2, bias=False)
        self.stem_conv_bn = batch_norm(16)
        self.stage1 = nn.Sequential(OrderedDict(
            unit1=InvertedResidual(16, 24, stride=1),
            unit2=InvertedResidual(24, 24, stride=1),
        ))
        self.stage2 = nn.Sequential(OrderedDict(
            unit1=InvertedResidual(24, 32, stride=2),
            unit2=InvertedResidual(32, 32, stride=1),
        ))
        self.stage3 = nn.Sequential(OrderedDict(
            unit1=InvertedResidual(32, 48, stride=1),
            unit2=InvertedResidual(48, 48, stride=1),
            unit3=InvertedResidual(48, 48, stride=1),
        ))
        self.stage4 = nn.Sequential(OrderedDict(
            unit1=InvertedResidual(48, 64, stride=2),
            unit2=InvertedResidual(64, 64, stride=1),
        ))
        self.stage5 = nn.Sequential(OrderedDict(
            unit1=InvertedResidual(64, 96, stride=1),
            unit2=InvertedResidual(96, 96, stride=1),
        ))
        self.head_conv = nn.Conv2d(96, 256, 1, bias=False)
        self.head_conv_bn = batch_norm(256)
        self.head_dropout = nn.Dropout(0.2)
        self.classifier = nn.Linear(256, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu6(self.stem_conv_bn(self.stem_conv(tf_same_pad(x, 3, 2))))
        x = self.stage1(x)
        x = self.stage2(x)
        x = self.stage3(x)
        x = self.stage4(x)
        x = self.stage5(x)
        x = F.relu6(self.head_conv_bn(self.head_conv(x)))
        x = self.head_dropout(x.mean(dim=(2, 3)))
        return torch.softmax(self.classifier(x), dim=1)


if __name__ == "__main__":
    print(FashionMobileNetV2())
