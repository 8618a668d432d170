"""Golden flax.nnx module trees: user-written models, their state files, Module specs and outputs.

Models, as NNX users write them (smaller sizes than the originals):
- `cnn`: the CNN of the Flax NNX MNIST tutorial (conv1, conv2, `partial(nnx.avg_pool, (2, 2),
  (2, 2))`, a reshape to flatten, linear1, linear2, relu), on a 12x12x1 input;
- `autoencoder`: an encoder/decoder MLP with nested submodules, a LayerNorm and an `nnx.List`
  of blocks (state paths `decoder/blocks/0/linear/kernel`);
- `resnet`: a stem conv, a residual block (conv, BatchNorm, relu, conv, add), a block with a
  projected shortcut (strided conv, LayerNorm, relu, conv; 1x1 strided conv on the skip), a mean
  over the spatial axes, a Dropout built with `rngs` (its RNG state is filtered out) and a head;
- `deep_mlp`: an `nnx.List` of twelve blocks, saved in the three key forms NNX pure dicts end up
  in (msgpack ints; `to_bytes`' numeric-order strings; lexicographic strings);
- `wide_list`: an `nnx.List` of 260 Linears, for the wider msgpack integer keys, in the three forms;
- `live_<arch>`: the NNX models of the live checks (`live/tree_models.py`) with their live specs.

Every case records the checkpoint (randomised state), the state a fresh `Model(nnx.Rngs(0))`
holds (`init`), the Module spec our `moduleFromSpec` reads, a seeded input and the model's output
in eval mode. The spec is checked here: a model built from it alone, loaded with the same state,
computes the same output as the class.

    python generators/trees_nnx.py check DIR   # live check: files our TypeScript wrote (see
                                               # packages/nnx/conformance/cases.ts)
"""

from __future__ import annotations

import pathlib
import sys

if __name__ == "__main__":  # as a script: this folder's random.py would shadow the stdlib's
    sys.path[0] = str(pathlib.Path(__file__).resolve().parents[1])

import json  # noqa: E402
from functools import partial  # noqa: E402

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
from flax import nnx  # noqa: E402
from flax import serialization as ser  # noqa: E402

import fixturelib as fl  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "live"))
import tree_models as tm  # noqa: E402  (the live checks' models: cases named live_<arch> use them)
import tree_specs as ts  # noqa: E402

FRAMEWORK = "nnx"
SAVED = nnx.Not(nnx.RngState)  # a Dropout built with rngs holds an RngKey msgpack cannot encode
KEY_FORMS = {
    "int": "flax.serialization.msgpack_serialize(nnx.to_pure_dict(nnx.state(model, nnx.Not(nnx.RngState)))): "
    "nnx.List indices as msgpack ints, every level sorted",
    "str": "flax.serialization.to_bytes(pure): keys as strings, in the pure dict's (numeric) order",
    "str-sorted": "flax.serialization.msgpack_serialize(flax.serialization.to_state_dict(pure)): keys as "
    "strings, sorted as strings ('10' before '2')",
}
RESTORE = ("nnx.replace_by_pure_dict(state, flax.serialization.msgpack_restore(data)) with state = "
           "nnx.state(model, nnx.Not(nnx.RngState)); nnx.update(model, state); model.eval()")


# ---------------------------------------------------------------- the models, as users write them


class CNN(nnx.Module):
    """The Flax NNX MNIST tutorial's CNN (sizes for a 12x12x1 input)."""

    def __init__(self, *, rngs: nnx.Rngs):
        self.conv1 = nnx.Conv(1, 4, kernel_size=(3, 3), rngs=rngs)
        self.conv2 = nnx.Conv(4, 8, kernel_size=(3, 3), rngs=rngs)
        self.avg_pool = partial(nnx.avg_pool, window_shape=(2, 2), strides=(2, 2))
        self.linear1 = nnx.Linear(3 * 3 * 8, 16, rngs=rngs)
        self.linear2 = nnx.Linear(16, 10, rngs=rngs)

    def __call__(self, x):
        x = self.avg_pool(nnx.relu(self.conv1(x)))
        x = self.avg_pool(nnx.relu(self.conv2(x)))
        x = x.reshape(x.shape[0], -1)  # flatten
        x = nnx.relu(self.linear1(x))
        return self.linear2(x)


class Encoder(nnx.Module):
    def __init__(self, rngs: nnx.Rngs):
        self.linear_in = nnx.Linear(8, 16, rngs=rngs)
        self.norm = nnx.LayerNorm(16, rngs=rngs)
        self.proj = nnx.Linear(16, 4, rngs=rngs)

    def __call__(self, x):
        return self.proj(nnx.relu(self.norm(self.linear_in(x))))


class Block(nnx.Module):
    def __init__(self, din: int, dout: int, rngs: nnx.Rngs):
        self.linear = nnx.Linear(din, dout, rngs=rngs)

    def __call__(self, x):
        return nnx.relu(self.linear(x))


class Decoder(nnx.Module):
    def __init__(self, rngs: nnx.Rngs):
        self.blocks = nnx.List([Block(4, 16, rngs), Block(16, 16, rngs)])
        self.head = nnx.Linear(16, 8, rngs=rngs)

    def __call__(self, x):
        for block in self.blocks:
            x = block(x)
        return self.head(x)


class AutoEncoder(nnx.Module):
    def __init__(self, *, rngs: nnx.Rngs):
        self.encoder = Encoder(rngs)
        self.decoder = Decoder(rngs)

    def __call__(self, x):
        return self.decoder(self.encoder(x))


class ResidualBlock(nnx.Module):
    def __init__(self, channels: int, rngs: nnx.Rngs):
        self.conv1 = nnx.Conv(channels, channels, kernel_size=(3, 3), rngs=rngs)
        self.norm = nnx.BatchNorm(channels, rngs=rngs)
        self.conv2 = nnx.Conv(channels, channels, kernel_size=(3, 3), rngs=rngs)

    def __call__(self, x):
        return x + self.conv2(nnx.relu(self.norm(self.conv1(x))))


class DownBlock(nnx.Module):
    def __init__(self, cin: int, cout: int, rngs: nnx.Rngs):
        self.conv1 = nnx.Conv(cin, cout, kernel_size=(3, 3), strides=(2, 2), rngs=rngs)
        self.norm = nnx.LayerNorm(cout, rngs=rngs)
        self.conv2 = nnx.Conv(cout, cout, kernel_size=(3, 3), rngs=rngs)
        self.proj = nnx.Conv(cin, cout, kernel_size=(1, 1), strides=(2, 2), rngs=rngs)

    def __call__(self, x):
        return self.proj(x) + self.conv2(nnx.relu(self.norm(self.conv1(x))))


class ResNet(nnx.Module):
    def __init__(self, *, rngs: nnx.Rngs):
        self.stem = nnx.Conv(3, 8, kernel_size=(3, 3), rngs=rngs)
        self.block = ResidualBlock(8, rngs)
        self.down = DownBlock(8, 16, rngs)
        self.head = nnx.Linear(16, 5, rngs=rngs)
        self.dropout = nnx.Dropout(0.1, rngs=rngs)

    def __call__(self, x):
        x = self.down(self.block(nnx.relu(self.stem(x))))
        return self.head(self.dropout(x.mean(axis=(1, 2))))


class DeepMLP(nnx.Module):
    def __init__(self, *, rngs: nnx.Rngs):
        self.layers = nnx.List([Block(6, 6, rngs) for _ in range(12)])
        self.head = nnx.Linear(6, 3, rngs=rngs)

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return self.head(x)


class WideList(nnx.Module):
    def __init__(self, *, rngs: nnx.Rngs):
        self.layers = nnx.List([nnx.Linear(2, 2, rngs=rngs) for _ in range(260)])

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


# ---------------------------------------------------------------- their Module specs


def conv(cin, cout, k, **kw):
    return {"type": "Conv", "in_features": cin, "out_features": cout, "kernel_size": [k, k], **kw}


def linear(din, dout):
    return {"type": "Linear", "in_features": din, "out_features": dout}


def module(name, children, forward):
    return {"type": "Module", "name": name, "children": children, "forward": forward}


RELU = {"fn": "relu"}
POOL = {"fn": "avg_pool", "window_shape": [2, 2], "strides": [2, 2]}
BLOCK = lambda din, dout: module("Block", {"linear": linear(din, dout)}, ["linear", RELU])  # noqa: E731

MODELS = {
    "cnn": dict(
        cls=CNN, input=(2, 12, 12, 1), key_forms=("int",),
        spec=module("CNN", {"conv1": conv(1, 4, 3), "conv2": conv(4, 8, 3), "linear1": linear(72, 16),
                            "linear2": linear(16, 10)},
                    ["conv1", RELU, POOL, "conv2", RELU, POOL, {"fn": "flatten"}, "linear1", RELU, "linear2"]),
        notes="Flax NNX MNIST tutorial CNN; avg_pool is a functools.partial attribute, so it has no state"),
    "autoencoder": dict(
        cls=AutoEncoder, input=(3, 8), key_forms=("int",),
        spec=module("AutoEncoder", {
            "encoder": module("Encoder", {"linear_in": linear(8, 16), "norm": {"type": "LayerNorm", "num_features": 16},
                                          "proj": linear(16, 4)}, ["linear_in", "norm", RELU, "proj"]),
            "decoder": module("Decoder", {"blocks": [BLOCK(4, 16), BLOCK(16, 16)], "head": linear(16, 8)},
                              ["blocks", "head"]),
        }, ["encoder", "decoder"])),
    "resnet": dict(
        cls=ResNet, input=(2, 6, 6, 3), key_forms=("int",),
        spec=module("ResNet", {
            "stem": conv(3, 8, 3),
            "block": module("ResidualBlock", {"conv1": conv(8, 8, 3), "norm": {"type": "BatchNorm", "num_features": 8},
                                              "conv2": conv(8, 8, 3)},
                            [{"residual": ["conv1", "norm", RELU, "conv2"]}]),
            "down": module("DownBlock", {"conv1": conv(8, 16, 3, strides=[2, 2]),
                                         "norm": {"type": "LayerNorm", "num_features": 16},
                                         "conv2": conv(16, 16, 3), "proj": conv(8, 16, 1, strides=[2, 2])},
                           [{"residual": ["conv1", "norm", RELU, "conv2"], "shortcut": ["proj"]}]),
            "head": linear(16, 5),
            "dropout": {"type": "Dropout", "rate": 0.1},
        }, ["stem", RELU, "block", "down", {"fn": "mean", "axis": [0, 1]}, "dropout", "head"]),
        notes="BatchNorm stats (mean, var) saved; the Dropout's RngCount/RngKey filtered out"),
    "deep_mlp": dict(
        cls=DeepMLP, input=(4, 6), key_forms=("int", "str", "str-sorted"),
        spec=module("DeepMLP", {"layers": [BLOCK(6, 6) for _ in range(12)], "head": linear(6, 3)}, ["layers", "head"]),
        notes="twelve list items: the three key forms order them differently"),
    "wide_list": dict(
        cls=WideList, input=(3, 2), key_forms=("int", "str", "str-sorted"),
        spec=module("WideList", {"layers": [linear(2, 2) for _ in range(260)]}, ["layers"]),
        notes="260 list items, for the file bytes: msgpack int keys 0-127, 0xcc and 0xcd forms, a 16-bit map "
              "header. The 260 chained Linears contract (kernels N(0, 0.5)), so rounding does not pile up; the "
              "output is the last layers' fixed point, the same for every input row"),
}


# The NNX models of the live checks (`live/tree_models.py`, `live/tree_specs.py`), so that
# `packages/nnx/conformance/cases.ts` can write them (kind `tree`, with their `arch`) and
# `live/trees.py check` load them into those classes; recording them here also checks the live
# specs against the classes.
for _arch in tm.ARCHS:
    MODELS[f"live_{_arch}"] = dict(
        cls=tm.nnx_models()[_arch], input=(2, *tm.INPUT[_arch]), key_forms=("int",), arch=_arch,
        spec=ts.spec_of("nnx", _arch), notes=f"live/tree_models.py's NNX {_arch}, with its live/tree_specs.py spec")


# ---------------------------------------------------------------- saving and loading


def pure_of(model) -> dict:
    return nnx.to_pure_dict(nnx.state(model, SAVED))


def to_bytes(pure: dict, form: str) -> bytes:
    if form == "int":
        return ser.msgpack_serialize(pure)
    if form == "str":
        return ser.to_bytes(pure)
    return ser.msgpack_serialize(ser.to_state_dict(pure))


def load(model, data: bytes):
    state = nnx.state(model, SAVED)
    nnx.replace_by_pure_dict(state, ser.msgpack_restore(data))
    nnx.update(model, state)
    model.eval()
    return model


def randomize(model, rng: np.random.Generator) -> None:
    state = nnx.state(model, SAVED)
    pure = fl.randomize_tree(nnx.to_pure_dict(state), rng)
    nnx.replace_by_pure_dict(state, jax.tree_util.tree_map(jnp.asarray, pure))
    nnx.update(model, state)


# ---------------------------------------------------------------- a model built from its spec alone


def _apply_fn(step: dict, x):
    fn = step["fn"]
    if fn in ("avg_pool", "max_pool"):
        pool = nnx.avg_pool if fn == "avg_pool" else nnx.max_pool
        return pool(x, tuple(step["window_shape"]), tuple(step.get("strides") or (1,) * len(step["window_shape"])),
                    step.get("padding", "VALID"))
    if fn == "flatten":
        return x.reshape(x.shape[0], -1)
    if fn == "mean":
        axes = step["axis"] if isinstance(step["axis"], list) else [step["axis"]]
        return x.mean(axis=tuple(a + 1 if a >= 0 else a for a in axes), keepdims=step.get("keepdims", False))
    return getattr(jax.nn, fn)(x)


class SpecModule(nnx.Module):
    """A `Module` spec as an nnx.Module: its children as attributes, its forward interpreted."""

    def __init__(self, spec: dict):
        self.forward = spec.get("forward")
        for name, child in spec["children"].items():
            setattr(self, name, nnx.List([from_spec(c) for c in child]) if isinstance(child, list) else from_spec(child))

    def run(self, steps, x):
        for step in steps:
            if isinstance(step, str):
                child = getattr(self, step)
                for item in (child if isinstance(child, nnx.List) else [child]):
                    x = item(x)
            elif "residual" in step:
                x = (self.run(step["shortcut"], x) if "shortcut" in step else x) + self.run(step["residual"], x)
            else:
                x = _apply_fn(step, x)
        return x

    def __call__(self, x):
        return self.run(self.forward, x)


def from_spec(spec: dict):
    import specs

    if spec["type"] == "Module":
        return SpecModule(spec)
    return specs.build_nnx(spec)


# ---------------------------------------------------------------- fixtures


def generate(out: pathlib.Path) -> None:
    writer = fl.CaseWriter(out)
    for i, (name, m) in enumerate(MODELS.items()):
        rng = np.random.default_rng(3000 + i)
        fresh = m["cls"](rngs=nnx.Rngs(0))
        init = ser.msgpack_serialize(pure_of(fresh))
        model = m["cls"](rngs=nnx.Rngs(0))
        randomize(model, rng)
        pure = pure_of(model)
        model.eval()
        x = fl.rand_input(rng, m["input"])
        y = model(jnp.asarray(x))
        by_spec = load(from_spec(m["spec"]), ser.msgpack_serialize(pure))
        if not np.allclose(by_spec(jnp.asarray(x)), y, rtol=1e-6, atol=1e-6):
            raise AssertionError(f"{name}: the spec does not compute what {m['cls'].__name__} computes")
        case = writer.case(name, FRAMEWORK, layer="Module", model=m["cls"].__name__, spec=m["spec"], kind="forward",
                           tolerance=fl.tolerance("float32", 1), call="model.eval(); model(input)")
        if m.get("notes"):
            case.set(notes=m["notes"])
        if m.get("arch"):
            case.set(arch=m["arch"])
        checkpoints = {}
        for form in m["key_forms"]:
            key = "checkpoint" if form == "int" else f"checkpoint_{form.replace('-', '_')}"
            case.file(key, "msgpack" if form == "int" else f"{form}.msgpack", to_bytes(pure, form))
            checkpoints[key] = {"keys": form, "written_by": KEY_FORMS[form]}
        case.file("init", "init.msgpack", init)
        case.set(checkpoints=checkpoints, restore=RESTORE, params=fl.param_index(pure),
                 init=f"{m['cls'].__name__}(rngs=nnx.Rngs(0)), state written as the 'int' form")
        case.array("input", x)
        case.array("output", y)
        case.write()


# ---------------------------------------------------------------- live check


def check(folder: pathlib.Path) -> int:
    """Loads every `trees_nnx` case our TypeScript wrote into its Python class; 1 on any mismatch."""
    failures, rows = 0, 0
    for path in sorted(folder.glob("*.json")):
        m = json.loads(path.read_text(encoding="utf-8"))
        if m.get("kind") != "nnx-tree" or m.get("framework") != FRAMEWORK:
            continue
        cls = MODELS[m["model"]]["cls"]
        model = load(cls(rngs=nnx.Rngs(1)), (folder / m["files"]["checkpoint"]).read_bytes())
        x = np.load(folder / m["arrays"]["input"])
        want = np.load(folder / m["arrays"]["output"])
        got = np.asarray(model(jnp.asarray(x)))
        tol = m.get("tolerance", {"rtol": 1e-5, "atol": 1e-6})
        ok = got.shape == want.shape and bool(np.allclose(got, want, rtol=tol["rtol"], atol=tol["atol"]))
        err = float(np.max(np.abs(got - want))) if got.shape == want.shape else float("inf")
        print(f"nnx  {cls.__name__:12s} {path.stem:28s} max abs err {err:.3g}  {'pass' if ok else 'FAIL'}")
        rows += 1
        failures += 0 if ok else 1
    print(f"{rows} NNX trees loaded in their Python classes, {failures} failed")
    return 1 if failures or not rows else 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "check":
        raise SystemExit(__doc__)
    sys.exit(check(pathlib.Path(sys.argv[2])))
