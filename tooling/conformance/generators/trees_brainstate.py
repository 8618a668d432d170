"""Golden BrainState module trees: user-written `brainstate.nn.Module` classes (a CNN written like the
Flax NNX MNIST tutorial's, an encoder/decoder MLP with nested submodules and a LayerNorm, a network of
residual blocks), saved with braintools, plus the pooling and Flatten layers on their own.

Each tree case records the real class's checkpoint (`braintools.file.msgpack_save` of
`brainstate.graph.states(model)`), the `Module` spec `moduleFromSpec` reads, a seeded input and the real
class's output. The generator also builds the model from the spec alone (`build_tree`: children from
their layer specs, the forward steps interpreted in jax/flax terms) and asserts that it has the same
states and computes the same output, so every spec here is checked against the class it describes.

    python trees_brainstate.py check DIR    # live check: the trees our TypeScript wrote, in their Python classes
"""

from __future__ import annotations

import json
import pathlib
import sys

if __name__ == "__main__":  # as a script: the shared helpers live one folder up, and this folder's random.py would shadow the stdlib's
    sys.path[0] = str(pathlib.Path(__file__).resolve().parents[1])

import brainstate
import brainstate.nn as bnn
import braintools
import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np

import fixturelib as fl
import specs

FRAMEWORK = "brainstate"
CHECKPOINT = {
    "file": "checkpoint",
    "format": "braintools-msgpack",
    "content": "braintools.file.msgpack_save(path, brainstate.graph.states(model)): states by attribute path, "
    "attributes sorted at every level, list items as '0', '1', ...; each layer's parameters nested in its dict "
    "State 'weight' (fc/weight/weight, norm/weight/scale)",
    "restore": "braintools.file.msgpack_load(path, target=brainstate.graph.states(model))",
}
ZERO = braintools.init.ZeroInit


# ---------------------------------------------------------------- the user-written classes


class CNN(bnn.Module):
    """The Flax NNX MNIST tutorial's CNN written in BrainState, on 12x12 images (tutorial: 28x28, 32/64/256)."""

    def __init__(self):
        super().__init__()
        self.conv1 = bnn.Conv2d((12, 12, 1), 8, (3, 3), b_init=ZERO())
        self.conv2 = bnn.Conv2d((6, 6, 8), 16, (3, 3), b_init=ZERO())
        self.avg_pool = bnn.AvgPool2d(2, 2)
        self.flatten = bnn.Flatten(start_axis=1)
        self.linear1 = bnn.Linear(3 * 3 * 16, 32)
        self.linear2 = bnn.Linear(32, 10)

    def update(self, x):
        x = self.avg_pool(jax.nn.relu(self.conv1(x)))
        x = self.avg_pool(jax.nn.relu(self.conv2(x)))
        x = self.flatten(x)
        x = jax.nn.relu(self.linear1(x))
        return self.linear2(x)


class CNNMaxPool(bnn.Module):
    """The same CNN with a MaxPool2d layer (stride defaults to the window) and Flatten(in_size=...)."""

    def __init__(self):
        super().__init__()
        self.conv1 = bnn.Conv2d((12, 12, 1), 8, (3, 3), b_init=ZERO())
        self.pool = bnn.MaxPool2d(2)
        self.conv2 = bnn.Conv2d((6, 6, 8), 16, (3, 3), padding="VALID")
        self.flatten = bnn.Flatten(in_size=(4, 4, 16))
        self.linear1 = bnn.Linear(4 * 4 * 16, 32)
        self.linear2 = bnn.Linear(32, 10)

    def update(self, x):
        x = self.pool(jax.nn.relu(self.conv1(x)))
        x = self.flatten(jax.nn.relu(self.conv2(x)))
        return self.linear2(jax.nn.relu(self.linear1(x)))


class Encoder(bnn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = bnn.Linear(8, 16)
        self.norm = bnn.LayerNorm(16)
        self.fc2 = bnn.Linear(16, 4)

    def update(self, x):
        return self.fc2(jax.nn.relu(self.norm(self.fc1(x))))


class Decoder(bnn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = bnn.Linear(4, 16)
        self.fc2 = bnn.Linear(16, 8)

    def update(self, x):
        return self.fc2(jax.nn.gelu(self.fc1(x)))


class AutoEncoder(bnn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = Encoder()
        self.decoder = Decoder()

    def update(self, x):
        return jax.nn.sigmoid(self.decoder(self.encoder(x)))


class ResBlock(bnn.Module):
    """conv, norm, relu, conv, add."""

    def __init__(self, c):
        super().__init__()
        self.conv1 = bnn.Conv2d((8, 8, c), c, (3, 3))
        self.norm = bnn.BatchNorm2d((8, 8, c))
        self.conv2 = bnn.Conv2d((8, 8, c), c, (3, 3))

    def update(self, x):
        return x + self.conv2(jax.nn.relu(self.norm(self.conv1(x))))


class ProjBlock(bnn.Module):
    """A residual block that widens the channels, with a 1x1 conv on the skip path."""

    def __init__(self, c, out):
        super().__init__()
        self.conv1 = bnn.Conv2d((8, 8, c), out, (3, 3))
        self.norm = bnn.BatchNorm2d((8, 8, out))
        self.conv2 = bnn.Conv2d((8, 8, out), out, (3, 3))
        self.proj = bnn.Conv2d((8, 8, c), out, (1, 1), b_init=ZERO())

    def update(self, x):
        return self.proj(x) + self.conv2(jax.nn.relu(self.norm(self.conv1(x))))


class ResNet(bnn.Module):
    def __init__(self):
        super().__init__()
        self.stem = bnn.Conv2d((8, 8, 3), 6, (3, 3))
        self.blocks = [ResBlock(6), ProjBlock(6, 10)]
        self.head = bnn.Linear(10, 5)

    def update(self, x):
        x = jax.nn.relu(self.stem(x))
        for block in self.blocks:
            x = block(x)
        return self.head(x.mean(axis=(1, 2)))


CLASSES = {"CNN": CNN, "CNNMaxPool": CNNMaxPool, "AutoEncoder": AutoEncoder, "ResNet": ResNet}


# ---------------------------------------------------------------- their specs


def conv2d(in_size, out, k, **kw):
    return {"type": "Conv2d", "in_size": list(in_size), "out_channels": out, "kernel_size": [k, k], **kw}


def linear(i, o):
    return {"type": "Linear", "in_size": i, "out_size": o}


def module(name, children, forward):
    return {"type": "Module", "name": name, "children": children, "forward": forward}


RELU = {"fn": "relu"}
SPECS = {
    "CNN": module("CNN", {
        "conv1": conv2d((12, 12, 1), 8, 3, b_init="ZeroInit"),
        "conv2": conv2d((6, 6, 8), 16, 3, b_init="ZeroInit"),
        "avg_pool": {"type": "AvgPool2d", "kernel_size": 2, "stride": 2},
        "flatten": {"type": "Flatten", "start_axis": 1},
        "linear1": linear(144, 32),
        "linear2": linear(32, 10),
    }, ["conv1", RELU, "avg_pool", "conv2", RELU, "avg_pool", "flatten", "linear1", RELU, "linear2"]),
    "CNNMaxPool": module("CNNMaxPool", {
        "conv1": conv2d((12, 12, 1), 8, 3, b_init="ZeroInit"),
        "pool": {"type": "MaxPool2d", "kernel_size": 2},
        "conv2": conv2d((6, 6, 8), 16, 3, padding="VALID"),
        "flatten": {"type": "Flatten", "in_size": [4, 4, 16]},
        "linear1": linear(256, 32),
        "linear2": linear(32, 10),
    }, ["conv1", RELU, "pool", "conv2", RELU, "flatten", "linear1", RELU, "linear2"]),
    "AutoEncoder": module("AutoEncoder", {
        "encoder": module("Encoder", {"fc1": linear(8, 16), "norm": {"type": "LayerNorm", "in_size": [16]},
                                      "fc2": linear(16, 4)}, ["fc1", "norm", RELU, "fc2"]),
        "decoder": module("Decoder", {"fc1": linear(4, 16), "fc2": linear(16, 8)}, ["fc1", {"fn": "gelu"}, "fc2"]),
    }, ["encoder", "decoder", {"fn": "sigmoid"}]),
    "ResNet": module("ResNet", {
        "stem": conv2d((8, 8, 3), 6, 3),
        "blocks": [
            module("ResBlock", {"conv1": conv2d((8, 8, 6), 6, 3), "norm": {"type": "BatchNorm2d", "in_size": [8, 8, 6]},
                                "conv2": conv2d((8, 8, 6), 6, 3)},
                   [{"residual": ["conv1", "norm", RELU, "conv2"]}]),
            module("ProjBlock", {"conv1": conv2d((8, 8, 6), 10, 3), "norm": {"type": "BatchNorm2d", "in_size": [8, 8, 10]},
                                 "conv2": conv2d((8, 8, 10), 10, 3), "proj": conv2d((8, 8, 6), 10, 1, b_init="ZeroInit")},
                   [{"residual": ["conv1", "norm", RELU, "conv2"], "shortcut": ["proj"]}]),
        ],
        "head": linear(10, 5),
    }, ["stem", RELU, "blocks", {"fn": "mean", "axis": [0, 1]}, "head"]),
}

TREES = [
    # case, class, input shape, accumulation (longest dot product), notes
    ("cnn", "CNN", (2, 12, 12, 1), 144, "the Flax NNX MNIST tutorial CNN, in BrainState"),
    ("cnn_maxpool", "CNNMaxPool", (2, 12, 12, 1), 256, "MaxPool2d(2): stride defaults to the window"),
    ("autoencoder", "AutoEncoder", (4, 8), 16, "nested submodules and a LayerNorm"),
    ("resnet", "ResNet", (2, 8, 8, 3), 90, "a list of residual blocks, one with a projected shortcut; mean pooling"),
]

# Pooling and Flatten layers on their own: spec (defaults left out, as moduleToSpec writes it), input shape.
LAYERS = [
    ("maxpool1d_default_stride", {"type": "MaxPool1d", "kernel_size": 3}, (2, 9, 2)),
    ("maxpool2d_same", {"type": "MaxPool2d", "kernel_size": 3, "stride": 2, "padding": "SAME"}, (2, 5, 4, 3)),
    ("maxpool2d_pairs", {"type": "MaxPool2d", "kernel_size": [2, 3], "stride": 1, "padding": [[1, 0], [0, 2]]},
     (1, 4, 4, 2)),
    ("maxpool2d_unbatched", {"type": "MaxPool2d", "kernel_size": 2}, (5, 4, 3)),
    ("maxpool3d", {"type": "MaxPool3d", "kernel_size": 2, "stride": 1}, (1, 4, 3, 3, 2)),
    ("avgpool1d", {"type": "AvgPool1d", "kernel_size": 2, "stride": 2}, (2, 9, 2)),
    ("avgpool2d_int_padding", {"type": "AvgPool2d", "kernel_size": 3, "padding": 1}, (1, 5, 4, 3)),
    ("avgpool2d_same", {"type": "AvgPool2d", "kernel_size": 3, "stride": 2, "padding": "SAME"}, (2, 5, 4, 3)),
    ("avgpool2d_default_stride", {"type": "AvgPool2d", "kernel_size": 2}, (2, 5, 4, 3)),
    ("avgpool3d", {"type": "AvgPool3d", "kernel_size": [2, 2, 1], "stride": [1, 2, 1]}, (1, 4, 4, 3, 2)),
    ("flatten_start_axis", {"type": "Flatten", "start_axis": 1}, (2, 3, 2, 4)),
    ("flatten_negative", {"type": "Flatten", "start_axis": -3}, (2, 3, 2, 4)),
    ("flatten_in_size", {"type": "Flatten", "in_size": [3, 2, 4]}, (2, 3, 2, 4)),
]


# ---------------------------------------------------------------- a model from a spec alone


def _axis(a):
    """An axis of one unbatched example as an axis of the batched array."""
    return a if a < 0 else a + 1


def _pool(step, x):
    window = tuple(step["window_shape"])
    strides = tuple(step.get("strides") or (1,) * len(window))
    padding = step.get("padding", "VALID")
    padding = padding if isinstance(padding, str) else tuple(tuple(p) for p in padding)
    if step["fn"] == "max_pool":
        return nn.max_pool(x, window, strides, padding)
    return nn.avg_pool(x, window, strides, padding, count_include_pad=step.get("count_include_pad", True))


def apply_fn(step, x):
    """One `{ "fn": ... }` forward step on a batched channels-last array, as flax.linen / jax.nn compute it."""
    fn = step["fn"]
    if fn in ("relu", "tanh", "sigmoid", "silu", "swish", "softplus"):
        return getattr(jax.nn, fn)(x)
    if fn == "identity":
        return x
    if fn == "gelu":
        return jax.nn.gelu(x, approximate=step.get("approximate", True))
    if fn == "elu":
        return jax.nn.elu(x, step.get("alpha", 1.0))
    if fn == "leaky_relu":
        return jax.nn.leaky_relu(x, step.get("negative_slope", 0.01))
    if fn in ("softmax", "log_softmax"):
        return getattr(jax.nn, fn)(x, axis=_axis(step.get("axis", -1)))
    if fn in ("max_pool", "avg_pool"):
        return _pool(step, x)
    if fn == "flatten":
        return x.reshape((x.shape[0], -1))
    if fn == "reshape":
        return x.reshape((x.shape[0], *step["shape"]))
    if fn == "mean":
        axis = step["axis"]
        axes = tuple(_axis(a) for a in ([axis] if isinstance(axis, int) else axis))
        return jnp.mean(x, axis=axes, keepdims=step.get("keepdims", False))
    raise ValueError(f"unknown forward function {fn!r}")


class SpecModule(bnn.Module):
    """A `{"type": "Module"}` spec as a brainstate Module: its children as attributes, its forward interpreted."""

    def __init__(self, spec):
        super().__init__()
        self._steps = json.dumps(spec.get("forward"))  # a str: never a graph node
        for name, child in spec["children"].items():
            setattr(self, name, [build_tree(c) for c in child] if isinstance(child, list) else build_tree(child))

    def _run(self, steps, x):
        for step in steps:
            if isinstance(step, str):
                child = getattr(self, step)
                for layer in child if isinstance(child, list) else [child]:
                    x = layer(x)
            elif "fn" in step:
                x = apply_fn(step, x)
            else:
                skip = self._run(step["shortcut"], x) if "shortcut" in step else x
                x = skip + self._run(step["residual"], x)
        return x

    def update(self, x):
        steps = json.loads(self._steps)
        if steps is None:
            raise ValueError("this module has no forward program")
        return self._run(steps, x)


def build_tree(spec):
    """A brainstate model from a spec: `Module` specs as SpecModule, everything else as `specs.build_brainstate`."""
    if spec["type"] == "Module":
        return SpecModule(spec)
    return specs.build_brainstate(spec)


# ---------------------------------------------------------------- fixtures


def _scaled(key, value, rng):
    """Random values; a kernel's are divided by sqrt(fan-in) so activations stay near 1 through the whole model."""
    r = fl.random_like(value, rng)
    if key == "weight" and np.ndim(value) >= 2:
        r = (r * np.float32(1 / np.sqrt(np.prod(np.shape(value)[:-1])))).astype(np.float32)
    return jnp.asarray(r)


def randomize(model, rng):
    for path, state in brainstate.graph.states(model).items():
        value = state.value
        if isinstance(value, dict):
            state.value = {k: _scaled(k, v, rng) for k, v in value.items()}
        else:
            state.value = jnp.asarray(fl.random_like(value, rng, positive=path[-1] == "running_var"))


def run(model, x):
    with brainstate.environ.context(fit=False):
        return model(jnp.asarray(x))


def generate(out: pathlib.Path) -> None:
    writer = fl.CaseWriter(out)
    for i, (name, cls, shape, acc, notes) in enumerate(TREES):
        rng = np.random.default_rng(7000 + i)
        brainstate.random.seed(i)
        model = CLASSES[cls]()
        randomize(model, rng)
        checkpoint = specs.bst_to_bytes(model)
        x = fl.rand_input(rng, shape)
        y = run(model, x)
        # The spec alone must describe the class: same states, same bytes, same output.
        from_spec = specs.bst_load(build_tree(SPECS[cls]), checkpoint)
        assert specs.bst_to_bytes(from_spec) == checkpoint, name
        assert np.allclose(np.asarray(run(from_spec, x)), np.asarray(y), rtol=1e-6, atol=1e-7), name
        case = writer.case(name, FRAMEWORK, layer="Module", kind="tree", model=cls, spec=SPECS[cls], dtype="float32",
                           tolerance=fl.tolerance("float32", acc), notes=notes)
        case.file("checkpoint", "msgpack", checkpoint)
        case.set(checkpoint=CHECKPOINT, states=specs.bst_state_index(model))
        case.array("input", x)
        case.array("output", y)
        case.set(call=f"model = {cls}(); braintools.file.msgpack_load(checkpoint, target=brainstate.graph.states(model)); "
                      "with brainstate.environ.context(fit=False): output = model(input)")
        case.write()
    for i, (name, spec, shape) in enumerate(LAYERS):
        rng = np.random.default_rng(7100 + i)
        layer = specs.build_brainstate(spec)
        x = fl.rand_input(rng, shape)
        case = writer.case(name, FRAMEWORK, layer=spec["type"], kind="forward", spec=spec, dtype="float32",
                           tolerance=fl.tolerance("float32", int(np.prod(spec.get("kernel_size", 1)))))
        case.file("checkpoint", "msgpack", specs.bst_to_bytes(layer))
        case.array("input", x)
        case.array("output", run(layer, x))
        case.set(call="with brainstate.environ.context(fit=False): output = model(input)")
        case.write()


# ---------------------------------------------------------------- live check


def check(folder: pathlib.Path) -> int:
    """Loads every `brainstate-tree` case under `folder` into its Python class and compares outputs; returns failures."""
    failures, seen = 0, 0
    for path in sorted(folder.glob("**/*.json")):
        m = json.loads(path.read_text(encoding="utf-8"))
        if m.get("framework") != FRAMEWORK or m.get("kind") not in ("brainstate-tree", "tree"):
            continue
        seen += 1
        model = CLASSES[m["model"]]() if m.get("model") in CLASSES else build_tree(m["spec"])
        specs.bst_load(model, (path.parent / m["files"]["checkpoint"]).read_bytes())
        x = np.load(path.parent / m["arrays"]["input"])
        want = np.load(path.parent / m["arrays"]["output"])
        got = np.asarray(run(model, x))
        tol = m.get("tolerance", {"rtol": 1e-5, "atol": 1e-6})
        ok = got.shape == want.shape and bool(np.allclose(got, want, rtol=tol["rtol"], atol=tol["atol"]))
        err = float(np.max(np.abs(got - want))) if got.shape == want.shape else float("inf")
        print(f"{'ok  ' if ok else 'FAIL'} brainstate {m.get('model', m['spec'].get('name')):12s} {m['case']:28s} max|err| {err:.3g}")
        failures += 0 if ok else 1
    print(f"{seen} brainstate tree case(s), {failures} failed")
    return failures if seen else 1


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "check":
        raise SystemExit("usage: trees_brainstate.py check DIR")
    sys.exit(1 if check(pathlib.Path(sys.argv[2])) else 0)
