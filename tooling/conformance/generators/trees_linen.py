"""Golden flax.linen module trees: real user-written models (the Flax MNIST example CNN, an
encoder/decoder MLP with nested submodules and a LayerNorm, a residual network with BatchNorm),
their `Module` spec, the randomised variables (`flax.serialization.to_bytes`), an input and the
model's output.

Each model is written as Flax users write it (`@nn.compact` auto-names, `setup()` attributes,
a list attribute). The generator also builds the same model from its spec (`build_tree`) and
checks, before writing anything, that both create the same variable paths in the same order with
the same initial values and compute the same output: the spec describes the real model.
"""

# No `from __future__ import annotations`: Linen dataclass fields need real annotations when the
# driver loads this file without registering it in sys.modules.
import hashlib
import json
import pathlib
import sys

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np

import fixturelib as fl
import specs

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "live"))
import tree_models as tm  # noqa: E402  (the live checks' models: cases named live_<arch> use them)
import tree_specs as ts  # noqa: E402

FRAMEWORK = "linen"
CHECKPOINT = {
    "file": "checkpoint",
    "format": "flax-msgpack",
    "content": "flax.serialization.to_bytes(variables) where variables = model.init(jax.random.key(0), input) "
    "with every float leaf replaced (kernels normal with std 1/sqrt(fan_in)), keeping init's key order (modules in first-call order, "
    "collections in creation order: batch_stats first when the first module created is a BatchNorm)",
    "restore": "flax.serialization.from_bytes(model.init(key, input), data)",
}


# ---------------------------------------------------------------- the models, as users write them


class CNN(nn.Module):
    """The Flax Linen MNIST example's CNN (examples/mnist/train.py), unchanged."""

    @nn.compact
    def __call__(self, x):
        x = nn.Conv(features=32, kernel_size=(3, 3))(x)
        x = nn.relu(x)
        x = nn.avg_pool(x, window_shape=(2, 2), strides=(2, 2))
        x = nn.Conv(features=64, kernel_size=(3, 3))(x)
        x = nn.relu(x)
        x = nn.avg_pool(x, window_shape=(2, 2), strides=(2, 2))
        x = x.reshape((x.shape[0], -1))  # flatten
        x = nn.Dense(features=256)(x)
        x = nn.relu(x)
        x = nn.Dense(features=10)(x)
        return x


class Encoder(nn.Module):
    @nn.compact
    def __call__(self, x):
        x = nn.Dense(16)(x)
        x = nn.LayerNorm()(x)
        x = nn.relu(x)
        return nn.Dense(4)(x)


class Decoder(nn.Module):
    @nn.compact
    def __call__(self, x):
        x = nn.Dense(16)(x)
        x = nn.gelu(x)
        return nn.Dense(8)(x)


class AutoEncoder(nn.Module):
    @nn.compact
    def __call__(self, x):
        return Decoder()(Encoder()(x))


class ResidualBlock(nn.Module):
    features: int

    def setup(self):
        self.conv1 = nn.Conv(self.features, (3, 3))
        self.norm = nn.BatchNorm(use_running_average=True)
        self.conv2 = nn.Conv(self.features, (3, 3))

    def __call__(self, x):
        y = self.conv2(nn.relu(self.norm(self.conv1(x))))
        return x + y


class ResNet(nn.Module):
    def setup(self):
        self.stem = nn.Conv(8, (3, 3))
        self.blocks = [ResidualBlock(8), ResidualBlock(8)]
        self.head = nn.Dense(5)

    def __call__(self, x):
        x = nn.relu(self.stem(x))
        for block in self.blocks:
            x = block(x)
        x = jnp.mean(x, axis=(1, 2))
        return self.head(x)


class NormFirst(nn.Module):
    """A BatchNorm created first: `batch_stats` precedes `params` in the variables."""

    @nn.compact
    def __call__(self, x):
        x = nn.BatchNorm(use_running_average=True)(x)
        x = nn.tanh(nn.Dense(6)(x))
        return nn.Dense(2)(x)


class CallOrder(nn.Module):
    """Names follow construction order, variables the first call: Dense_1 comes before Dense_0."""

    @nn.compact
    def __call__(self, x):
        a = nn.Dense(2)
        b = nn.Dense(3)
        return a(nn.silu(b(x)))


class CompactSequential(nn.Module):
    """An nn.Sequential built inside @nn.compact adds no level: its layers take the parent's names."""

    @nn.compact
    def __call__(self, x):
        x = nn.Dense(3)(x)
        return nn.Sequential([nn.Dense(4), nn.relu, nn.Dense(2)], name="mlp")(x)


class SetupSequential(nn.Module):
    """An nn.Sequential set in setup() nests its layers as layers_<i> (functions take an index)."""

    def setup(self):
        self.proj = nn.Dense(3)
        self.seq = nn.Sequential([nn.Dense(4), nn.relu, nn.LayerNorm(), nn.Dense(2)])

    def __call__(self, x):
        return self.seq(nn.elu(self.proj(x)))


def conv(features, size=(3, 3)):
    return {"type": "Conv", "features": features, "kernel_size": list(size)}


def dense(features):
    return {"type": "Dense", "features": features}


POOL = {"window_shape": [2, 2], "strides": [2, 2]}
BLOCK = {
    "type": "Module", "name": "ResidualBlock",
    "children": {"conv1": conv(8), "norm": {"type": "BatchNorm", "use_running_average": True}, "conv2": conv(8)},
    "forward": [{"residual": ["conv1", "norm", {"fn": "relu"}, "conv2"]}],
}

CASES = [
    ("cnn", CNN, (2, 8, 8, 1), 288, "the Flax Linen MNIST example CNN (8x8 images instead of 28x28)", {
        "type": "Module", "name": "CNN",
        "children": {"Conv_0": conv(32), "Conv_1": conv(64), "Dense_0": dense(256), "Dense_1": dense(10)},
        "forward": ["Conv_0", {"fn": "relu"}, {"fn": "avg_pool", **POOL}, "Conv_1", {"fn": "relu"},
                    {"fn": "avg_pool", **POOL}, {"fn": "flatten"}, "Dense_0", {"fn": "relu"}, "Dense_1"],
    }),
    ("autoencoder", AutoEncoder, (3, 8), 16, "@nn.compact submodules: params/Encoder_0/Dense_0/kernel, ...", {
        "type": "Module", "name": "AutoEncoder",
        "children": {
            "Encoder_0": {"type": "Module", "name": "Encoder",
                          "children": {"Dense_0": dense(16), "LayerNorm_0": {"type": "LayerNorm"}, "Dense_1": dense(4)},
                          "forward": ["Dense_0", "LayerNorm_0", {"fn": "relu"}, "Dense_1"]},
            "Decoder_0": {"type": "Module", "name": "Decoder",
                          "children": {"Dense_0": dense(16), "Dense_1": dense(8)},
                          "forward": ["Dense_0", {"fn": "gelu"}, "Dense_1"]},
        },
        "forward": ["Encoder_0", "Decoder_0"],
    }),
    ("resnet", ResNet, (2, 6, 6, 3), 72, "setup() attributes and a list attribute (blocks_0, blocks_1); "
     "residual blocks conv, BatchNorm, relu, conv, add", {
        "type": "Module", "name": "ResNet",
        "children": {"stem": conv(8), "blocks": [BLOCK, BLOCK], "head": dense(5)},
        "forward": ["stem", {"fn": "relu"}, "blocks", {"fn": "mean", "axis": [0, 1]}, "head"],
    }),
    ("norm_first", NormFirst, (4, 3), 6, "a BatchNorm first: batch_stats before params", {
        "type": "Module", "name": "NormFirst",
        "children": {"BatchNorm_0": {"type": "BatchNorm", "use_running_average": True}, "Dense_0": dense(6),
                     "Dense_1": dense(2)},
        "forward": ["BatchNorm_0", "Dense_0", {"fn": "tanh"}, "Dense_1"],
    }),
    ("call_order", CallOrder, (3, 4), 4, "Dense_0 built first, called second: variables hold Dense_1 first", {
        "type": "Module", "name": "CallOrder",
        "children": {"Dense_0": dense(2), "Dense_1": dense(3)},
        "forward": ["Dense_1", {"fn": "silu"}, "Dense_0"],
    }),
    ("compact_sequential", CompactSequential, (3, 5), 5, "nn.Sequential inside @nn.compact merges into the parent: "
     "params Dense_0, Dense_1, Dense_2, no 'mlp' level", {
        "type": "Module", "name": "CompactSequential",
        "children": {"Dense_0": dense(3), "Dense_1": dense(4), "Dense_2": dense(2)},
        "forward": ["Dense_0", "Dense_1", {"fn": "relu"}, "Dense_2"],
    }),
    ("setup_sequential", SetupSequential, (3, 5), 5, "nn.Sequential in setup(): params seq/layers_0, seq/layers_2, seq/layers_3", {
        "type": "Module", "name": "SetupSequential",
        "children": {"proj": dense(3), "seq": {"type": "Sequential", "layers": [dense(4), {"type": "relu"}, {"type": "LayerNorm"}, dense(2)]}},
        "forward": ["proj", {"fn": "elu"}, "seq"],
    }),
]


# ---------------------------------------------------------------- a Module spec as a Linen model


def _axis(a: int) -> int:
    """An axis of one unbatched example as an axis of the batched array."""
    return a + 1 if a >= 0 else a


def apply_function(step: dict, x):
    """One `{"fn": ...}` step of a spec's forward program, on a batched channels-last array."""
    fn = step["fn"]
    if fn in ("max_pool", "avg_pool"):
        window = tuple(step["window_shape"])
        strides = tuple(step.get("strides") or (1,) * len(window))
        padding = specs.tuplify(step.get("padding", "VALID"))
        if fn == "max_pool":
            return nn.max_pool(x, window, strides=strides, padding=padding)
        return nn.avg_pool(x, window, strides=strides, padding=padding, count_include_pad=step.get("count_include_pad", True))
    if fn == "flatten":
        return x.reshape((x.shape[0], -1))
    if fn == "reshape":
        return x.reshape((x.shape[0], *step["shape"]))
    if fn == "mean":
        axis = step["axis"]
        axes = tuple(_axis(a) for a in (axis if isinstance(axis, list) else [axis]))
        return jnp.mean(x, axis=axes, keepdims=step.get("keepdims", False))
    if fn in ("softmax", "log_softmax"):
        return getattr(jax.nn, fn)(x, axis=_axis(step.get("axis", -1)))
    if fn == "gelu":
        return nn.gelu(x, approximate=step.get("approximate", True))
    if fn == "elu":
        return nn.elu(x, alpha=step.get("alpha", 1.0))
    if fn == "leaky_relu":
        return nn.leaky_relu(x, negative_slope=step.get("negative_slope", 0.01))
    if fn == "identity":
        return x
    return getattr(nn, fn)(x)


def _build_child(spec: dict):
    return SpecTree(json.dumps(spec)) if spec["type"] == "Module" else specs.build_linen(spec)


class SpecTree(nn.Module):
    """A `Module` spec as a Linen model: children as `setup()` attributes (a list attribute gives
    `name_0`, `name_1`), `__call__` runs the forward program."""

    spec_json: str

    def setup(self):
        for name, child in json.loads(self.spec_json)["children"].items():
            setattr(self, name, [_build_child(s) for s in child] if isinstance(child, list) else _build_child(child))

    def run(self, steps, x):
        for step in steps:
            if isinstance(step, str):
                child = getattr(self, step)
                for m in child if isinstance(child, (list, tuple)) else [child]:
                    x = m(x)
            elif "fn" in step:
                x = apply_function(step, x)
            else:
                y = self.run(step["residual"], x)
                x = (self.run(step["shortcut"], x) if "shortcut" in step else x) + y
        return x

    def __call__(self, x):
        return self.run(json.loads(self.spec_json)["forward"], x)


def build_tree(spec: dict):
    """The Linen model a `Module` spec describes (also used to load live conformance cases)."""
    return SpecTree(json.dumps(spec))


# ---------------------------------------------------------------- writing the cases


def randomize(tree, rng, path=()):
    """Random values for every leaf, keeping key order. Kernels are drawn with the spread of
    Linen's lecun_normal (std 1/sqrt(fan_in)) so activations stay of order one through a deep
    model, where float32 summation order is not drowned by cancellation; other leaves as
    `fixturelib.randomize_tree` draws them (variances positive)."""
    if isinstance(tree, dict):
        return {k: randomize(v, rng, path + (k,)) for k, v in tree.items()}
    if path[-1] == "kernel":
        shape = np.asarray(tree).shape
        return jnp.asarray(rng.normal(0.0, 1.0 / np.sqrt(np.prod(shape[:-1])), shape).astype(np.float32))
    return jnp.asarray(fl.random_like(tree, rng, positive=path[-1] == "var"))


def same_tree(a, b) -> bool:
    """Same paths in the same order with bit-identical leaves."""
    pa, pb = fl.tree_paths(a), fl.tree_paths(b)
    return [p for p, _ in pa] == [p for p, _ in pb] and all(
        np.asarray(x).dtype == np.asarray(y).dtype and np.array_equal(np.asarray(x), np.asarray(y)) for (_, x), (_, y) in zip(pa, pb))


def live_cases():
    """The Linen models of the live checks (`live/tree_models.py`, `live/tree_specs.py`), so that
    `packages/linen/conformance/cases.ts` can write them and `live/trees.py check` load them into
    those classes; recording them here also checks the live specs against the classes."""
    # Not "mlp": its live spec names the 16-unit layers Dense_0, but `nn.Dense(4)(nn.relu(...(nn.Dense(16)(x))))`
    # constructs the outer Dense first, so Dense_0 is the 4-unit layer (called last) and Dense_1 the 16-unit one.
    acc = {"cnn_flax": 72, "cnn_eqx": 192, "res": 36}
    return [(f"live_{arch}", tm.linen_models()[arch], (2, *tm.INPUT[arch]), acc[arch],
             f"live/tree_models.py's Linen {arch}, with its live/tree_specs.py spec", ts.spec_of("linen", arch), arch)
            for arch in acc]


def generate(out: pathlib.Path) -> None:
    writer = fl.CaseWriter(out)
    for name, cls, shape, acc, notes, spec, *arch in [*CASES, *live_cases()]:
        # Seeded by name, so that adding a case leaves the others' files as they are.
        rng = np.random.default_rng(int(hashlib.sha256(name.encode()).hexdigest()[:8], 16))
        x = fl.rand_input(rng, shape)
        model, from_spec = cls(), build_tree(spec)
        init = model.init(jax.random.key(0), jnp.asarray(x))
        if not same_tree(init, from_spec.init(jax.random.key(0), jnp.asarray(x))):
            raise SystemExit(f"{name}: the spec's model creates other variables than {cls.__name__}")
        variables = randomize(dict(init), rng)
        output = model.apply(variables, jnp.asarray(x))
        if not np.array_equal(np.asarray(output), np.asarray(from_spec.apply(variables, jnp.asarray(x)))):
            raise SystemExit(f"{name}: the spec's model computes something else than {cls.__name__}")
        case = writer.case(name, FRAMEWORK, layer="Module", model=cls.__name__, spec=spec, kind="tree", dtype="float32",
                           tolerance=fl.tolerance("float32", acc), notes=notes, **({"arch": arch[0]} if arch else {}))
        case.file("checkpoint", "msgpack", specs.linen_to_bytes(variables))
        case.set(checkpoint=CHECKPOINT, params=fl.param_index(variables),
                 init_sha256=hashlib.sha256(specs.linen_to_bytes(init)).hexdigest(),
                 init_note="sha256 of flax.serialization.to_bytes(model.init(jax.random.key(0), input))")
        case.array("input", x)
        case.array("output", output)
        case.set(call="model.apply(variables, input)")
        case.write()
