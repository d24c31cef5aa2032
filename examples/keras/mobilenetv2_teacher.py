"""The DNA Search demo teacher, a small MobileNetV2 for 28x28 grey Fashion-MNIST images, in Keras.

It is the built-in teacher's network with the built-in teacher's layer names, so a search with
dna-search.json (next to this file, which names it as teacher.sourceFile) shows its results here:
a CodeLens above the model, and beside each stage what the student chose for it. DNA Search finds
each stage by the layer names on its lines ("stage1_unit1", ...). The model is marked with
"region dna-search: model" comments, so inserting an architecture replaces what is between them
(see ../README.md for the markers).
"""
import keras
from keras import layers


def conv_bn(x, name, filters, kernel, stride, relu6):
    """Convolution and batch norm, then ReLU6 when asked: layers name, name_bn, name_relu6."""
    x = layers.Conv2D(filters, kernel, strides=stride, padding="same", use_bias=False, name=name)(x)
    x = layers.BatchNormalization(name=f"{name}_bn")(x)
    if relu6:
        x = layers.ReLU(max_value=6.0, name=f"{name}_relu6")(x)
    return x


def inverted_residual(x, name, out_channels, stride, expansion=4):
    """An inverted residual unit: 1x1 expand, 3x3 depthwise, 1x1 project; a shortcut when the shape stays."""
    in_channels = x.shape[-1]
    y = conv_bn(x, f"{name}_expand", in_channels * expansion, 1, 1, True)
    y = layers.DepthwiseConv2D(3, strides=stride, padding="same", use_bias=False, name=f"{name}_dw")(y)
    y = layers.BatchNormalization(name=f"{name}_dw_bn")(y)
    y = layers.ReLU(max_value=6.0, name=f"{name}_dw_relu6")(y)
    y = conv_bn(y, f"{name}_project", out_channels, 1, 1, False)
    if stride == 1 and in_channels == out_channels:
        y = layers.Add(name=f"{name}_add")([x, y])
    return y


# region dna-search: model
def build_teacher():
    """Fashion-MNIST MobileNetV2: 28x28x1 images -> 10 class probabilities; 301,210 params."""
    inputs = keras.Input(shape=(28, 28, 1), name="image")
    x = conv_bn(inputs, "stem_conv", 16, 3, 2, True)  # 14x14x16

    # stage1: 14x14x16 -> 14x14x24
    x = inverted_residual(x, "stage1_unit1", 24, 1)
    x = inverted_residual(x, "stage1_unit2", 24, 1)
    # stage2: -> 7x7x32
    x = inverted_residual(x, "stage2_unit1", 32, 2)
    x = inverted_residual(x, "stage2_unit2", 32, 1)
    # stage3: -> 7x7x48
    x = inverted_residual(x, "stage3_unit1", 48, 1)
    x = inverted_residual(x, "stage3_unit2", 48, 1)
    x = inverted_residual(x, "stage3_unit3", 48, 1)
    # stage4: -> 4x4x64
    x = inverted_residual(x, "stage4_unit1", 64, 2)
    x = inverted_residual(x, "stage4_unit2", 64, 1)
    # stage5: -> 4x4x96
    x = inverted_residual(x, "stage5_unit1", 96, 1)
    x = inverted_residual(x, "stage5_unit2", 96, 1)

    x = conv_bn(x, "head_conv", 256, 1, 1, True)
    x = layers.GlobalAveragePooling2D(name="head_pool")(x)
    x = layers.Dropout(0.2, name="head_dropout")(x)
    x = layers.Dense(10, activation="softmax", name="classifier")(x)
    return keras.Model(inputs, x, name="fashion_mnist_mobilenetv2")
# endregion


if __name__ == "__main__":
    build_teacher().summary()
