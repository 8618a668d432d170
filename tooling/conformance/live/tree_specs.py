"""The `Module` spec (interop's `--arch` / `--like-arch` JSON) of every model in `tree_models.py`.

Children are each framework's layer specs (Python constructor calls, snake_case), in declaration
order (Linen: the auto-names `Conv_0`, ... in call order); `forward` is the core dialect: a child's
name, `{"fn": ...}` with flax.linen-style arguments, `{"residual": [...]}`. Equinox's forward axes
are those of one channels-first example.
"""

from __future__ import annotations

RELU = {"fn": "relu"}
AVG = {"fn": "avg_pool", "window_shape": [2, 2], "strides": [2, 2]}
MAX1 = {"fn": "max_pool", "window_shape": [2, 2], "strides": [1, 1]}
FLAT = {"fn": "flatten"}


def module(name: str, children: dict, forward: list) -> dict:
    return {"type": "Module", "name": name, "children": children, "forward": forward}


def linen() -> dict:
    conv = lambda f, k=3, **kw: {"type": "Conv", "features": f, "kernel_size": [k, k], **kw}  # noqa: E731
    dense = lambda f: {"type": "Dense", "features": f}  # noqa: E731
    bn = {"type": "BatchNorm", "use_running_average": True}
    return {
        "cnn_flax": module("CNN", {"Conv_0": conv(4), "Conv_1": conv(8), "Dense_0": dense(16), "Dense_1": dense(10)},
                           ["Conv_0", RELU, AVG, "Conv_1", RELU, AVG, FLAT, "Dense_0", RELU, "Dense_1"]),
        "cnn_eqx": module("EqxCNN", {"Conv_0": conv(3, 4, padding="VALID"), "Dense_0": dense(32), "Dense_1": dense(16), "Dense_2": dense(10)},
                          ["Conv_0", MAX1, RELU, FLAT, "Dense_0", {"fn": "sigmoid"}, "Dense_1", RELU, "Dense_2", {"fn": "log_softmax"}]),
        "mlp": module("AutoEncoder", {
            "Encoder_0": module("Encoder", {"Dense_0": dense(16), "LayerNorm_0": {"type": "LayerNorm"}, "Dense_1": dense(4)},
                                ["Dense_0", "LayerNorm_0", RELU, "Dense_1"]),
            "Decoder_0": module("Decoder", {"Dense_0": dense(16), "Dense_1": dense(8)}, ["Dense_0", RELU, "Dense_1"]),
        }, ["Encoder_0", "Decoder_0"]),
        "res": module("ResNet", {
            "ResBlock_0": module("ResBlock", {"Conv_0": conv(4), "BatchNorm_0": bn, "Conv_1": conv(4), "BatchNorm_1": bn},
                                 [{"residual": ["Conv_0", "BatchNorm_0", RELU, "Conv_1", "BatchNorm_1"]}, RELU]),
            "Dense_0": dense(3),
        }, ["ResBlock_0", {"fn": "mean", "axis": [0, 1]}, "Dense_0"]),
    }


def nnx() -> dict:
    conv = lambda i, o, k=3, **kw: {"type": "Conv", "in_features": i, "out_features": o, "kernel_size": [k, k], **kw}  # noqa: E731
    lin = lambda i, o: {"type": "Linear", "in_features": i, "out_features": o}  # noqa: E731
    bn = {"type": "BatchNorm", "num_features": 4}
    return {
        "cnn_flax": module("CNN", {"conv1": conv(1, 4), "conv2": conv(4, 8), "linear1": lin(72, 16), "linear2": lin(16, 10)},
                           ["conv1", RELU, AVG, "conv2", RELU, AVG, FLAT, "linear1", RELU, "linear2"]),
        "cnn_eqx": module("EqxCNN", {"conv1": conv(1, 3, 4, padding="VALID"), "linear1": lin(192, 32), "linear2": lin(32, 16), "linear3": lin(16, 10)},
                          ["conv1", MAX1, RELU, FLAT, "linear1", {"fn": "sigmoid"}, "linear2", RELU, "linear3", {"fn": "log_softmax"}]),
        "mlp": module("AutoEncoder", {
            "encoder": module("Encoder", {"linear1": lin(8, 16), "norm": {"type": "LayerNorm", "num_features": 16}, "linear2": lin(16, 4)},
                              ["linear1", "norm", RELU, "linear2"]),
            "decoder": module("Decoder", {"linear1": lin(4, 16), "linear2": lin(16, 8)}, ["linear1", RELU, "linear2"]),
        }, ["encoder", "decoder"]),
        "res": module("ResNet", {
            "block": module("ResBlock", {"conv1": conv(4, 4), "bn1": bn, "conv2": conv(4, 4), "bn2": bn},
                            [{"residual": ["conv1", "bn1", RELU, "conv2", "bn2"]}, RELU]),
            "head": lin(4, 3),
        }, ["block", {"fn": "mean", "axis": [0, 1]}, "head"]),
    }


def equinox() -> dict:
    conv = lambda i, o, k=3, **kw: {"type": "Conv2d", "in_channels": i, "out_channels": o, "kernel_size": k, **kw}  # noqa: E731
    lin = lambda i, o: {"type": "Linear", "in_features": i, "out_features": o}  # noqa: E731
    bn = {"type": "BatchNorm", "input_size": 4, "axis_name": "batch", "mode": "ema"}
    fn = lambda name: {"type": "Lambda", "fn": name}  # noqa: E731
    return {
        "cnn_flax": module("FlaxCNN", {"conv1": conv(1, 4, padding=1), "conv2": conv(4, 8, padding=1), "pool": {"type": "AvgPool2d", "kernel_size": 2, "stride": 2},
                                       "linear1": lin(72, 16), "linear2": lin(16, 10)},
                           ["conv1", RELU, "pool", "conv2", RELU, "pool", FLAT, "linear1", RELU, "linear2"]),
        "cnn_eqx": module("CNN", {"layers": [conv(1, 3, 4), {"type": "MaxPool2d", "kernel_size": 2}, fn("relu"), fn("ravel"), lin(192, 32), fn("sigmoid"),
                                             lin(32, 16), fn("relu"), lin(16, 10), fn("log_softmax")]}, ["layers"]),
        "mlp": module("AutoEncoder", {
            "encoder": module("Encoder", {"linear1": lin(8, 16), "norm": {"type": "LayerNorm", "shape": 16, "eps": 1e-6}, "linear2": lin(16, 4)},
                              ["linear1", "norm", RELU, "linear2"]),
            "decoder": module("Decoder", {"linear1": lin(4, 16), "linear2": lin(16, 8)}, ["linear1", RELU, "linear2"]),
        }, ["encoder", "decoder"]),
        "res": module("ResNet", {
            "block": module("ResBlock", {"conv1": conv(4, 4, padding=1), "bn1": bn, "conv2": conv(4, 4, padding=1), "bn2": bn},
                            [{"residual": ["conv1", "bn1", RELU, "conv2", "bn2"]}, RELU]),
            "head": lin(4, 3),
        }, ["block", {"fn": "mean", "axis": [1, 2]}, "head"]),
    }


def brainstate() -> dict:
    conv = lambda size, o, k=3, **kw: {"type": "Conv2d", "in_size": size, "out_channels": o, "kernel_size": [k, k], "b_init": "ZeroInit", **kw}  # noqa: E731
    lin = lambda i, o: {"type": "Linear", "in_size": i, "out_size": o}  # noqa: E731
    bn = {"type": "BatchNorm2d", "in_size": [6, 6, 4]}
    return {
        "cnn_flax": module("CNN", {"conv1": conv([12, 12, 1], 4), "conv2": conv([6, 6, 4], 8), "pool": {"type": "AvgPool2d", "kernel_size": 2, "stride": 2},
                                   "linear1": lin(72, 16), "linear2": lin(16, 10)},
                           ["conv1", RELU, "pool", "conv2", RELU, "pool", FLAT, "linear1", RELU, "linear2"]),
        "cnn_eqx": module("EqxCNN", {"conv1": conv([12, 12, 1], 3, 4, padding="VALID"), "pool": {"type": "MaxPool2d", "kernel_size": 2, "stride": 1},
                                     "linear1": lin(192, 32), "linear2": lin(32, 16), "linear3": lin(16, 10)},
                          ["conv1", "pool", RELU, FLAT, "linear1", {"fn": "sigmoid"}, "linear2", RELU, "linear3", {"fn": "log_softmax"}]),
        "mlp": module("AutoEncoder", {
            "encoder": module("Encoder", {"linear1": lin(8, 16), "norm": {"type": "LayerNorm", "in_size": 16, "epsilon": 1e-6}, "linear2": lin(16, 4)},
                              ["linear1", "norm", RELU, "linear2"]),
            "decoder": module("Decoder", {"linear1": lin(4, 16), "linear2": lin(16, 8)}, ["linear1", RELU, "linear2"]),
        }, ["encoder", "decoder"]),
        "res": module("ResNet", {
            "block": module("ResBlock", {"conv1": conv([6, 6, 4], 4), "bn1": bn, "conv2": conv([6, 6, 4], 4), "bn2": bn},
                            [{"residual": ["conv1", "bn1", RELU, "conv2", "bn2"]}, RELU]),
            "head": lin(4, 3),
        }, ["block", {"fn": "mean", "axis": [0, 1]}, "head"]),
    }


SPECS = {"linen": linen, "nnx": nnx, "equinox": equinox, "brainstate": brainstate}


def spec_of(framework: str, arch: str) -> dict:
    return SPECS[framework]()[arch]
