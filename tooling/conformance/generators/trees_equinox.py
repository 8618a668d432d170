"""Golden Equinox module trees: user-written eqx.Module classes, as Equinox's own MNIST example and
users write them, with their .eqx checkpoints (eqx.tree_serialise_leaves), the Module spec our
TypeScript reads, seeded inputs and Equinox's outputs per example and vmapped. Also the pooling
layers (MaxPool1d-3d, AvgPool1d-3d) one by one, with padding pairs and use_ceil.

Every tree case is cross-checked here: the checkpoint restored into `build_tree(spec)` (the
generic reading of a Module spec below) gives the hand-written class's outputs, so the spec says
what the class computes.

    python generators/trees_equinox.py check DIR   # live check: files our TypeScript wrote (see
                                                   # packages/equinox/conformance/cases.ts)
"""

import pathlib
import sys

if __name__ == "__main__":  # as a script: this folder's random.py would shadow the stdlib's
    sys.path[0] = str(pathlib.Path(__file__).resolve().parents[1])

import io  # noqa: E402
import json  # noqa: E402

import equinox as eqx  # noqa: E402
import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
from flax import linen as nn  # noqa: E402

import fixturelib as fl  # noqa: E402
import specs  # noqa: E402

FRAMEWORK = "equinox"
BATCH = 3


# ---------------------------------------------------------------- Module specs in Python


def _has_bn(tree) -> bool:
    is_bn = lambda n: isinstance(n, eqx.nn.BatchNorm)  # noqa: E731
    return any(is_bn(leaf) for leaf in jax.tree_util.tree_leaves(tree, is_leaf=is_bn))


LAMBDAS = {"ravel": jnp.ravel}
POOLS = ("MaxPool1d", "MaxPool2d", "MaxPool3d", "AvgPool1d", "AvgPool2d", "AvgPool3d")


def _fn(step: dict):
    """A forward function step of the Equinox dialect, on one channels-first example."""
    fn = step["fn"]
    if fn in ("max_pool", "avg_pool"):
        pool = nn.max_pool if fn == "max_pool" else nn.avg_pool
        kw = {"strides": tuple(step["strides"]) if step.get("strides") else None,
              "padding": specs.tuplify(step.get("padding", "VALID"))}
        if fn == "avg_pool":
            kw["count_include_pad"] = step.get("count_include_pad", True)
        return lambda x: jnp.moveaxis(pool(jnp.moveaxis(x, 0, -1), tuple(step["window_shape"]), **kw), -1, 0)
    if fn == "flatten":
        return jnp.ravel
    if fn == "reshape":
        return lambda x: jnp.reshape(x, tuple(step["shape"]))
    if fn == "mean":
        axis = step["axis"]
        axis = tuple(axis) if isinstance(axis, list) else axis
        return lambda x: jnp.mean(x, axis=axis, keepdims=step.get("keepdims", False))
    if fn in ("softmax", "log_softmax"):
        return lambda x: getattr(jax.nn, fn)(x, axis=step.get("axis", -1))
    kw = {k: v for k, v in step.items() if k in ("approximate", "negative_slope", "alpha")}
    return lambda x: getattr(jax.nn, "silu" if fn == "swish" else fn)(x, **kw)


def _run(steps, self, x, state):
    for step in steps:
        if isinstance(step, str):
            child = getattr(self, step)
            for m in child if isinstance(child, list) else [child]:
                if state is not None and _has_bn(m):
                    x, state = m(x, state)
                else:
                    x = m(x)
        elif "fn" in step:
            x = _fn(step)(x)
        else:
            main, state = _run(step["residual"], self, x, state)
            skip, state = _run(step["shortcut"], self, x, state) if "shortcut" in step else (x, state)
            x = skip + main
    return x, state


def build_tree(spec: dict, seed: int = 0):
    """A model from a spec: `Module` specs become an eqx.Module subclass named `spec["name"]` with
    one field per child (in order), whose `__call__(x, state=None)` runs `forward` on one
    channels-first example; Lambda takes `ravel` (jnp.ravel) besides jax.nn names."""
    kind = spec["type"]
    if kind == "Lambda":
        fn = spec["fn"]
        kw = {k: v for k, v in spec.items() if k in ("approximate", "negative_slope", "alpha")}
        f = LAMBDAS.get(fn) or getattr(jax.nn, fn)
        return eqx.nn.Lambda(jax.tree_util.Partial(f, **kw) if kw else f)
    if kind in POOLS:
        return getattr(eqx.nn, kind)(**specs._kwargs(spec))
    if kind != "Module":
        return specs._build_eqx(spec, seed)
    children, k = {}, 0
    for name, child in spec["children"].items():
        if isinstance(child, list):
            children[name] = [build_tree(c, seed + k + 1 + i) for i, c in enumerate(child)]
            k += len(child)
        else:
            k += 1
            children[name] = build_tree(child, seed + k)
    forward = spec.get("forward")

    def __call__(self, x, state=None):
        if forward is None:
            raise TypeError(f"{spec['name']} has no forward")
        y, state = _run(forward, self, x, state)
        return y if state is None else (y, state)

    cls = type(spec["name"], (eqx.Module,), {"__annotations__": {n: object for n in children},
                                              "__call__": __call__, "__module__": __name__})
    model = object.__new__(cls)
    for name, value in children.items():
        object.__setattr__(model, name, value)
    return model


def build_tree_with_state(spec: dict, seed: int = 0):
    """(model, state), state None unless the tree holds a BatchNorm (eqx.nn.make_with_state)."""
    model = build_tree(spec, seed)
    if _has_bn(model):
        return eqx.nn.delete_init_state(model), eqx.nn.State(model)
    return model, None


# ---------------------------------------------------------------- the user-written classes


class CNN(eqx.Module):
    """Equinox's MNIST example (examples/mnist.ipynb), for 12x12 images."""

    layers: list

    def __init__(self, key):
        key1, key2, key3, key4 = jax.random.split(key, 4)
        self.layers = [
            eqx.nn.Conv2d(1, 3, kernel_size=4, key=key1),
            eqx.nn.MaxPool2d(kernel_size=2),
            jax.nn.relu,
            jnp.ravel,
            eqx.nn.Linear(192, 32, key=key2),
            jax.nn.sigmoid,
            eqx.nn.Linear(32, 16, key=key3),
            jax.nn.relu,
            eqx.nn.Linear(16, 10, key=key4),
            jax.nn.log_softmax,
        ]

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


class FieldCNN(eqx.Module):
    """The same CNN with one field per layer and the functions in `__call__`."""

    conv: eqx.nn.Conv2d
    pool: eqx.nn.MaxPool2d
    linear1: eqx.nn.Linear
    linear2: eqx.nn.Linear
    linear3: eqx.nn.Linear

    def __init__(self, key):
        key1, key2, key3, key4 = jax.random.split(key, 4)
        self.conv = eqx.nn.Conv2d(1, 3, kernel_size=4, key=key1)
        self.pool = eqx.nn.MaxPool2d(kernel_size=2)
        self.linear1 = eqx.nn.Linear(192, 32, key=key2)
        self.linear2 = eqx.nn.Linear(32, 16, key=key3)
        self.linear3 = eqx.nn.Linear(16, 10, key=key4)

    def __call__(self, x):
        x = jnp.ravel(jax.nn.relu(self.pool(self.conv(x))))
        x = jax.nn.relu(self.linear2(jax.nn.sigmoid(self.linear1(x))))
        return jax.nn.log_softmax(self.linear3(x))


class Encoder(eqx.Module):
    linear1: eqx.nn.Linear
    norm: eqx.nn.LayerNorm
    linear2: eqx.nn.Linear

    def __init__(self, key):
        k1, k2 = jax.random.split(key)
        self.linear1, self.norm, self.linear2 = eqx.nn.Linear(8, 16, key=k1), eqx.nn.LayerNorm(16), eqx.nn.Linear(16, 4, key=k2)

    def __call__(self, x):
        return self.linear2(jax.nn.relu(self.norm(self.linear1(x))))


class Decoder(eqx.Module):
    linear1: eqx.nn.Linear
    norm: eqx.nn.LayerNorm
    linear2: eqx.nn.Linear

    def __init__(self, key):
        k1, k2 = jax.random.split(key)
        self.linear1, self.norm, self.linear2 = eqx.nn.Linear(4, 16, key=k1), eqx.nn.LayerNorm(16), eqx.nn.Linear(16, 8, key=k2)

    def __call__(self, x):
        return self.linear2(jax.nn.tanh(self.norm(self.linear1(x))))


class AutoEncoder(eqx.Module):
    encoder: Encoder
    decoder: Decoder

    def __init__(self, key):
        k1, k2 = jax.random.split(key)
        self.encoder, self.decoder = Encoder(k1), Decoder(k2)

    def __call__(self, x):
        return self.decoder(self.encoder(x))


class ResBlock(eqx.Module):
    conv1: eqx.nn.Conv2d
    norm: eqx.nn.BatchNorm
    conv2: eqx.nn.Conv2d

    def __init__(self, key):
        k1, k2 = jax.random.split(key)
        self.conv1 = eqx.nn.Conv2d(4, 4, 3, padding=1, key=k1)
        self.norm = eqx.nn.BatchNorm(4, "batch", inference=True, mode="ema")
        self.conv2 = eqx.nn.Conv2d(4, 4, 3, padding=1, key=k2)

    def __call__(self, x, state):
        y, state = self.norm(self.conv1(x), state)
        return x + self.conv2(jax.nn.relu(y)), state


class Block(eqx.Module):
    conv1: eqx.nn.Conv2d
    norm: eqx.nn.GroupNorm
    conv2: eqx.nn.Conv2d
    proj: eqx.nn.Conv2d

    def __init__(self, key):
        k1, k2, k3 = jax.random.split(key, 3)
        self.conv1 = eqx.nn.Conv2d(3, 6, 3, stride=2, padding=1, key=k1)
        self.norm = eqx.nn.GroupNorm(2, 6)
        self.conv2 = eqx.nn.Conv2d(6, 6, 3, padding=1, key=k2)
        self.proj = eqx.nn.Conv2d(3, 6, 1, stride=2, key=k3)

    def __call__(self, x):
        return self.proj(x) + self.conv2(jax.nn.relu(self.norm(self.conv1(x))))


class ResNet(eqx.Module):
    block: Block
    head: eqx.nn.Linear

    def __init__(self, key):
        k1, k2 = jax.random.split(key)
        self.block, self.head = Block(k1), eqx.nn.Linear(6, 5, key=k2)

    def __call__(self, x):
        return self.head(jnp.mean(jax.nn.relu(self.block(x)), axis=(1, 2)))


# ---------------------------------------------------------------- their specs

LAMBDA = lambda fn: {"type": "Lambda", "fn": fn}  # noqa: E731
CONV_1_3_4 = {"type": "Conv2d", "in_channels": 1, "out_channels": 3, "kernel_size": 4}
MAXPOOL_2 = {"type": "MaxPool2d", "kernel_size": 2}
LIN = lambda i, o: {"type": "Linear", "in_features": i, "out_features": o}  # noqa: E731

CNN_SPEC = {"type": "Module", "name": "CNN", "children": {"layers": [
    CONV_1_3_4, MAXPOOL_2, LAMBDA("relu"), LAMBDA("ravel"), LIN(192, 32), LAMBDA("sigmoid"), LIN(32, 16),
    LAMBDA("relu"), LIN(16, 10), LAMBDA("log_softmax")]}, "forward": ["layers"]}

FIELD_CNN_SPEC = {"type": "Module", "name": "FieldCNN", "children": {
    "conv": CONV_1_3_4, "pool": MAXPOOL_2, "linear1": LIN(192, 32), "linear2": LIN(32, 16), "linear3": LIN(16, 10)},
    "forward": ["conv", "pool", {"fn": "relu"}, {"fn": "flatten"}, "linear1", {"fn": "sigmoid"}, "linear2",
                {"fn": "relu"}, "linear3", {"fn": "log_softmax"}]}


def _half(name, i, o, act):
    return {"type": "Module", "name": name, "children": {
        "linear1": LIN(i, 16), "norm": {"type": "LayerNorm", "shape": [16]}, "linear2": LIN(16, o)},
        "forward": ["linear1", "norm", {"fn": act}, "linear2"]}


AUTOENCODER_SPEC = {"type": "Module", "name": "AutoEncoder", "children": {
    "encoder": _half("Encoder", 8, 4, "relu"), "decoder": _half("Decoder", 4, 8, "tanh")},
    "forward": ["encoder", "decoder"]}

CONV_4_4_3 = {"type": "Conv2d", "in_channels": 4, "out_channels": 4, "kernel_size": 3, "padding": 1}
RESBLOCK_SPEC = {"type": "Module", "name": "ResBlock", "children": {
    "conv1": CONV_4_4_3,
    "norm": {"type": "BatchNorm", "input_size": 4, "axis_name": "batch", "inference": True, "mode": "ema"},
    "conv2": CONV_4_4_3},
    "forward": [{"residual": ["conv1", "norm", {"fn": "relu"}, "conv2"]}]}

RESNET_SPEC = {"type": "Module", "name": "ResNet", "children": {
    "block": {"type": "Module", "name": "Block", "children": {
        "conv1": {"type": "Conv2d", "in_channels": 3, "out_channels": 6, "kernel_size": 3, "stride": 2, "padding": 1},
        "norm": {"type": "GroupNorm", "groups": 2, "channels": 6},
        "conv2": {"type": "Conv2d", "in_channels": 6, "out_channels": 6, "kernel_size": 3, "padding": 1},
        "proj": {"type": "Conv2d", "in_channels": 3, "out_channels": 6, "kernel_size": 1, "stride": 2}},
        "forward": [{"residual": ["conv1", "norm", {"fn": "relu"}, "conv2"], "shortcut": ["proj"]}]},
    "head": LIN(6, 5)},
    "forward": ["block", {"fn": "relu"}, {"fn": "mean", "axis": [1, 2]}, "head"]}

TREES = [
    # name, class, spec, example shape, accumulation, notes
    ("cnn_tutorial", CNN, CNN_SPEC, (1, 12, 12), 192,
     "Equinox's MNIST example CNN (a `layers` list with jax.nn functions and jnp.ravel), 12x12 input"),
    ("cnn_fields", FieldCNN, FIELD_CNN_SPEC, (1, 12, 12), 192,
     "the same CNN, one field per layer and the functions (relu, jnp.ravel, ...) in __call__; its leaves are "
     "those of cnn_tutorial, so the file is byte-identical"),
    ("autoencoder", AutoEncoder, AUTOENCODER_SPEC, (8,), 16, "nested Encoder/Decoder modules with a LayerNorm each"),
    ("resblock", ResBlock, RESBLOCK_SPEC, (4, 6, 6), 36,
     "conv, BatchNorm (State, ema mode, inference), relu, conv, add; saved as (model, state)"),
    ("resnet_projection", ResNet, RESNET_SPEC, (3, 8, 8), 54,
     "a residual block with a strided 1x1 projection shortcut and a GroupNorm, then global average pooling "
     "(jnp.mean over the spatial axes 1, 2 of (C, H, W)) and a Linear head"),
]

POOL_CASES = [
    ("maxpool1d", {"type": "MaxPool1d", "kernel_size": 3, "stride": 2}, (2, 9)),
    ("maxpool2d_same_pairs", {"type": "MaxPool2d", "kernel_size": 3, "stride": 2, "padding": [[1, 1], [0, 1]]}, (3, 5, 4)),
    ("maxpool2d_ceil", {"type": "MaxPool2d", "kernel_size": 2, "stride": 2, "use_ceil": True}, (3, 5, 4)),
    ("maxpool3d", {"type": "MaxPool3d", "kernel_size": 2}, (2, 4, 4, 3)),
    ("avgpool1d_padded", {"type": "AvgPool1d", "kernel_size": 3, "padding": 1}, (2, 6)),
    ("avgpool2d", {"type": "AvgPool2d", "kernel_size": 2, "stride": 2}, (3, 6, 6)),
    ("avgpool2d_ceil_padded", {"type": "AvgPool2d", "kernel_size": 3, "stride": 2, "padding": 1, "use_ceil": True}, (3, 6, 5)),
    ("avgpool3d", {"type": "AvgPool3d", "kernel_size": [2, 2, 1], "stride": [1, 2, 1]}, (2, 3, 4, 3)),
]


def randomize(model, rng):
    params, static = eqx.partition(model, eqx.is_inexact_array)
    leaves, treedef = jax.tree_util.tree_flatten(params)
    new = [jnp.asarray(fl.random_like(leaf, rng)) for leaf in leaves]
    return eqx.combine(jax.tree_util.tree_unflatten(treedef, new), static)


def randomize_state(model, state, rng):
    is_bn = lambda n: isinstance(n, eqx.nn.BatchNorm)  # noqa: E731
    for bn in [n for n in jax.tree_util.tree_leaves(model, is_leaf=is_bn) if is_bn(n)]:
        mean = jnp.asarray(fl.random_like(np.zeros(bn.input_size, np.float32), rng))
        var = jnp.asarray(fl.random_like(np.zeros(bn.input_size, np.float32), rng, positive=True))
        state = state.set(bn.ema_state_index, (mean, var)).set(bn.ema_first_time_index, jnp.array(False))
    return state


def calls(model, state, x, xb):
    if state is None:
        return model(x), jax.vmap(model)(xb)
    y, _ = model(x, state)
    yb, _ = jax.vmap(model, axis_name="batch", in_axes=(0, None), out_axes=(0, None))(xb, state)
    return y, yb


def checkpoint_meta(stateful: bool) -> dict:
    target = "(model, state)" if stateful else "model"
    return {"file": "checkpoint", "format": "equinox-leaves",
            "content": f"eqx.tree_serialise_leaves(file, {target}) of the user's class; 'leaves' lists the records",
            "restore": f"eqx.tree_deserialise_leaves(file, like), like = {target} of the same class (or build_tree(spec))"}


def write_case(writer, name, layer, spec, tree, state, x, xb, y, yb, acc, notes, call):
    stateful = state is not None
    case = writer.case(name, FRAMEWORK, layer=layer, spec=spec, kind="batchnorm" if stateful else "forward",
                       dtype="float32", tolerance=fl.tolerance("float32", acc), notes=notes, call=call)
    case.file("checkpoint", "eqx", specs.eqx_to_bytes(tree))
    case.set(checkpoint=checkpoint_meta(stateful), leaves=specs.eqx_leaf_index(tree))
    for key, value in (("input", x), ("output", y), ("batch_input", xb), ("batch_output", yb)):
        case.array(key, value)
    case.write()


def generate(out: pathlib.Path) -> None:
    writer = fl.CaseWriter(out)
    tutorial = None
    for i, (name, cls, spec, shape, acc, notes) in enumerate(TREES):
        rng = np.random.default_rng(5000 + i)
        key = jax.random.key(i)
        model, state = eqx.nn.make_with_state(cls)(key)
        model = randomize(model, rng)
        if _has_bn(model):
            state = randomize_state(model, state, rng)
        else:
            state = None
        if name == "cnn_tutorial":
            tutorial = model
        elif name == "cnn_fields":
            model = eqx.tree_deserialise_leaves(io_bytes(specs.eqx_to_bytes(tutorial)), model)
        tree = model if state is None else (model, state)
        x = fl.rand_input(rng, shape)
        xb = fl.rand_input(rng, (BATCH, *shape))
        y, yb = calls(model, state, jnp.asarray(x), jnp.asarray(xb))
        # The spec read in Python computes what the class computes.
        like = build_tree_with_state(spec)
        loaded = specs.eqx_load(like if like[1] is not None else like[0], specs.eqx_to_bytes(tree))
        lm, ls = loaded if like[1] is not None else (loaded, None)
        y2, yb2 = calls(lm, ls, jnp.asarray(x), jnp.asarray(xb))
        assert np.array_equal(np.asarray(y), np.asarray(y2)) and np.array_equal(np.asarray(yb), np.asarray(yb2)), name
        call = ("output, _ = model(input, state); batch_output, _ = jax.vmap(model, axis_name='batch', in_axes=(0, None), "
                "out_axes=(0, None))(batch_input, state)") if state is not None else \
            "output = model(input); batch_output = jax.vmap(model)(batch_input)"
        write_case(writer, name, spec["name"], spec, tree, state, x, xb, y, yb, acc, notes, call)
    for j, (name, spec, shape) in enumerate(POOL_CASES):
        rng = np.random.default_rng(6000 + j)
        model = build_tree(spec)
        x = fl.rand_input(rng, shape)
        xb = fl.rand_input(rng, (BATCH, *shape))
        y, yb = calls(model, None, jnp.asarray(x), jnp.asarray(xb))
        write_case(writer, name, spec["type"], spec, model, None, x, xb, y, yb, int(np.prod(spec["kernel_size"])),
                   None, "output = model(input); batch_output = jax.vmap(model)(batch_input)")


def io_bytes(data: bytes):
    return io.BytesIO(data)


def check(folder: pathlib.Path) -> int:
    """Loads every `equinox-tree` case our TypeScript wrote into the user's class (a pool into
    its layer), runs it per example and vmapped, and compares; 1 on any mismatch."""
    classes = {name: cls for name, cls, *_ in TREES}
    failures, rows = 0, 0
    for path in sorted(folder.glob("*.json")):
        m = json.loads(path.read_text(encoding="utf-8"))
        if m.get("kind") != "equinox-tree" or m.get("framework") != FRAMEWORK:
            continue
        cls = classes.get(m["model"])
        model, state = eqx.nn.make_with_state(cls)(jax.random.key(1)) if cls else (build_tree(m["spec"]), None)
        if not _has_bn(model):
            state = None
        data = (folder / m["files"]["checkpoint"]).read_bytes()
        loaded = eqx.tree_deserialise_leaves(io_bytes(data), (model, state) if state is not None else model)
        model, state = loaded if state is not None else (loaded, None)
        arr = lambda k: np.load(folder / m["arrays"][k])  # noqa: E731
        got = calls(model, state, jnp.asarray(arr("input")), jnp.asarray(arr("batch_input")))
        tol = m.get("tolerance", {"rtol": 1e-5, "atol": 1e-6})
        for key, value in zip(("output", "batch_output"), got):
            want, value = arr(key).astype(np.float64), np.asarray(value, np.float64)
            ok = want.shape == value.shape and bool(np.all(np.abs(value - want) <= tol["atol"] + tol["rtol"] * np.abs(want)))
            err = float(np.max(np.abs(value - want))) if want.shape == value.shape else float("inf")
            print(f"{m['case']:32s} {key:13s} {err:.3g}  {'pass' if ok else 'FAIL'}")
            rows += 1
            failures += 0 if ok else 1
    print(f"{rows} equinox tree checks, {failures} failed")
    return 1 if failures or not rows else 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "check":
        raise SystemExit(__doc__)
    sys.exit(check(pathlib.Path(sys.argv[2])))
