"""Golden outputs of real JAX/Flax for `@interop/runtime`'s stateless op kernels and whole module
trees (issue #16).

Each case is one JSON manifest: `ir` in IR JSON (what `irFromJSON` reads: tensors as base64
little-endian bytes), `input` and `expected` as `{"dtype": "float32", "shape", "bits"}` with
`bits` the uint32 IEEE pattern of each element in C order (as the `kernels` group, so the
runtime's tests need no `@interop/formats`). Inputs are batched and channels-last; IR shapes
and axes are of one unbatched example. Expected values come from `flax.linen.max_pool` /
`avg_pool`, `jnp.reshape`, `jnp.mean`, `jax.nn.softmax` / `log_softmax`, and `Module.apply` of a
small Linen CNN (conv, relu, residual blocks, pools, flatten, dense layers, log_softmax).
"""

from __future__ import annotations

import base64
import json
import pathlib
from importlib import metadata

import numpy as np

from pins import VERSION_PACKAGES

RNG = np.random.default_rng(1616)
TOLERANCE = {"rtol": 1e-5, "atol": 1e-5}


def enc(value) -> dict:
    arr = np.ascontiguousarray(np.asarray(value, dtype=np.float32))
    return {"dtype": "float32", "shape": list(arr.shape), "bits": arr.reshape(-1).view(np.uint32).tolist()}


def tensor_json(value) -> dict:
    arr = np.ascontiguousarray(np.asarray(value, dtype="<f4"))
    return {"dtype": "float32", "shape": list(arr.shape), "data": base64.b64encode(arr.tobytes()).decode("ascii")}


def rand(*shape, low=-1.0, high=1.0):
    return RNG.uniform(low, high, size=shape).astype(np.float32)


def op(kind: str, **params) -> dict:
    return {"kind": kind, "params": params, "tensors": {}}


def write(out: pathlib.Path, case: str, framework: str, ir: dict, x, expected, **extra) -> None:
    manifest = {
        "group": "ops",
        "case": case,
        "framework": framework,
        "versions": {n: metadata.version(n) for n in VERSION_PACKAGES},
        "arrays": {},
        "files": {},
        "ir": ir,
        "input": enc(x),
        "expected": enc(expected),
        "tolerance": TOLERANCE,
        **extra,
    }
    (out / f"{case}.json").write_text(json.dumps(manifest, separators=(",", ":")) + "\n", encoding="utf-8")


def pool_cases(out: pathlib.Path) -> None:
    import flax.linen as nn

    ref_input = ((np.arange(60, dtype=np.float32).reshape(1, 5, 4, 3) % 7) - 3.0)  # model-trees.md §5.2
    specs = [
        # case, input, op, window, strides, padding, count_include_pad
        ("max_pool2d_valid", rand(2, 6, 5, 3), "max", (2, 2), (2, 2), "VALID", True),
        ("max_pool2d_same_negative", rand(2, 5, 4, 3, low=-5.0, high=-1.0), "max", (3, 3), (2, 2), "SAME", True),
        ("max_pool2d_explicit", rand(2, 5, 6, 2), "max", (2, 3), (2, 1), ((1, 2), (2, 0)), True),
        ("max_pool2d_stride1_default", rand(1, 4, 4, 2), "max", (2, 2), None, "VALID", True),
        ("avg_pool2d_same_include", rand(2, 5, 4, 3), "avg", (3, 3), (1, 1), "SAME", True),
        ("avg_pool2d_same_exclude", rand(2, 5, 4, 3), "avg", (3, 3), (2, 2), "SAME", False),
        ("avg_pool2d_explicit_exclude", rand(2, 5, 6, 2), "avg", (3, 2), (1, 2), ((1, 1), (0, 2)), False),
        ("avg_pool2d_explicit_include_ref", ref_input, "avg", (3, 3), (1, 1), ((1, 1), (1, 1)), True),
        ("avg_pool2d_explicit_exclude_ref", ref_input, "avg", (3, 3), (1, 1), ((1, 1), (1, 1)), False),
        ("max_pool1d_same", rand(2, 9, 4), "max", (3,), (2,), "SAME", True),
        ("avg_pool1d_valid", rand(2, 9, 4), "avg", (4,), (1,), "VALID", True),
        ("avg_pool3d_same_include", rand(1, 5, 4, 3, 2), "avg", (2, 2, 2), (2, 1, 2), "SAME", True),
        ("avg_pool3d_same_exclude", rand(1, 5, 4, 3, 2), "avg", (2, 2, 2), (2, 1, 2), "SAME", False),
        ("max_pool3d_valid_negative", rand(1, 4, 5, 3, 2, low=-4.0, high=-0.5), "max", (2, 3, 2), (1, 1, 1), "VALID", True),
    ]
    for case, x, kind, window, strides, padding, include in specs:
        if kind == "max":
            y = nn.max_pool(x, window, strides=strides, padding=padding)
        else:
            y = nn.avg_pool(x, window, strides=strides, padding=padding, count_include_pad=include)
        params = {
            "op": kind,
            "windowShape": list(window),
            "strides": list(strides or (1,) * len(window)),
            "padding": padding if isinstance(padding, str) else [list(p) for p in padding],
            "countIncludePad": include,
        }
        fn = f"flax.linen.{kind}_pool"
        write(out, case, fn, op("pool", **params), x, np.asarray(y))


def shape_cases(out: pathlib.Path) -> None:
    import jax.numpy as jnp

    x = rand(2, 3, 4, 5)
    write(out, "flatten", "jax.numpy", op("flatten"), x, np.asarray(jnp.reshape(x, (x.shape[0], -1))))
    x = rand(2, 4, 6)
    write(out, "reshape", "jax.numpy", op("reshape", shape=[3, -1, 2]), x, np.asarray(jnp.reshape(x, (2, 3, -1, 2))))
    for case, shape, axes, keepdims in [
        ("mean_spatial", (2, 4, 5, 3), [0, 1], False),
        ("mean_last_keepdims", (2, 4, 5, 3), [-1], True),
        ("mean_split_axes_keepdims", (2, 4, 5, 3), [0, 2], True),
        ("mean_all", (3, 2, 3, 4), [0, 1, 2], False),
    ]:
        x = rand(*shape, low=-2.0, high=3.0)
        batched = tuple(a + 1 if a >= 0 else a for a in axes)
        y = jnp.mean(x, axis=batched, keepdims=keepdims)
        write(out, case, "jax.numpy", op("mean", axes=axes, keepdims=keepdims), x, np.asarray(y))


def softmax_cases(out: pathlib.Path) -> None:
    import jax

    for case, x, axis, log in [
        ("softmax_last", rand(3, 10, low=-4.0, high=4.0), -1, False),
        ("softmax_spatial_axis", rand(2, 4, 5, 3, low=-3.0, high=3.0), 0, False),
        ("log_softmax_last", rand(3, 10, low=-4.0, high=4.0), -1, True),
        ("log_softmax_large_values", rand(2, 3, 6, 2, low=-60.0, high=90.0), 1, True),
        ("softmax_large_values", rand(2, 3, 6, 2, low=-60.0, high=90.0), -2, False),
    ]:
        batched = axis + 1 if axis >= 0 else axis
        y = (jax.nn.log_softmax if log else jax.nn.softmax)(x, axis=batched)
        fn = "jax.nn.log_softmax" if log else "jax.nn.softmax"
        write(out, case, fn, op("softmax", axis=axis, log=log), x, np.asarray(y))


def conv_ir(p: dict, padding: str) -> dict:
    k = np.asarray(p["kernel"])
    params = {
        "inFeatures": int(k.shape[-2]), "outFeatures": int(k.shape[-1]), "kernelSize": list(k.shape[:-2]),
        "strides": [1] * (k.ndim - 2), "padding": padding, "paddingMode": "zeros",
        "inputDilation": [1] * (k.ndim - 2), "kernelDilation": [1] * (k.ndim - 2), "featureGroups": 1,
    }
    return {"kind": "conv", "params": params, "tensors": {"kernel": tensor_json(k), "bias": tensor_json(p["bias"])}}


def dense_ir(p: dict) -> dict:
    k = np.asarray(p["kernel"])
    params = {"inFeatures": int(k.shape[0]), "outFeatures": int(k.shape[1])}
    return {"kind": "linear", "params": params, "tensors": {"kernel": tensor_json(k), "bias": tensor_json(p["bias"])}}


def module_ir(name: str, children: list, forward: list) -> dict:
    return {"kind": "module", "params": {"name": name}, "tensors": {}, "children": children, "forward": forward}


def module_case(out: pathlib.Path) -> None:
    import flax.linen as nn
    import jax

    class Block(nn.Module):
        """conv, relu, conv, add (identity skip)."""

        @nn.compact
        def __call__(self, x):
            y = nn.Conv(8, (3, 3), padding="SAME")(x)
            y = nn.relu(y)
            y = nn.Conv(8, (3, 3), padding="SAME")(y)
            return x + y

    class ProjBlock(nn.Module):
        """conv, relu, conv, plus a 1x1 conv projecting the skip to the new width."""

        def setup(self):
            self.conv1 = nn.Conv(12, (3, 3), padding="SAME")
            self.conv2 = nn.Conv(12, (3, 3), padding="SAME")
            self.proj = nn.Conv(12, (1, 1), padding="VALID")

        def __call__(self, x):
            return self.proj(x) + self.conv2(nn.relu(self.conv1(x)))

    class CNN(nn.Module):
        def setup(self):
            self.conv1 = nn.Conv(8, (3, 3))
            self.block = Block()
            self.down = ProjBlock()
            self.fc = nn.Dense(32)
            self.head = [nn.Dense(16), nn.Dense(10)]

        def __call__(self, x):
            x = nn.relu(self.conv1(x))
            x = self.block(x)
            x = nn.avg_pool(x, (2, 2), strides=(2, 2))
            x = self.down(x)
            x = nn.max_pool(x, (2, 2), strides=(2, 2), padding="SAME")
            x = x.reshape((x.shape[0], -1))
            x = nn.relu(self.fc(x))
            for layer in self.head:
                x = layer(x)
            return nn.log_softmax(x)

    x = rand(3, 12, 12, 1)
    model = CNN()
    params = model.init(jax.random.key(16), x)["params"]
    # Non-zero biases (init gives zeros), so a dropped bias cannot pass.
    params = jax.tree_util.tree_map_with_path(
        lambda path, v: rand(*v.shape, low=-0.1, high=0.1) if path[-1].key == "bias" else v, params
    )
    y = model.apply({"params": params}, x)

    relu = {"op": op("activation", fn="relu")}
    call = lambda name: {"call": name}
    block = module_ir(
        "Block",
        [{"name": "Conv_0", "node": conv_ir(params["block"]["Conv_0"], "SAME")}, {"name": "Conv_1", "node": conv_ir(params["block"]["Conv_1"], "SAME")}],
        [{"residual": [call("Conv_0"), relu, call("Conv_1")]}],
    )
    down = module_ir(
        "ProjBlock",
        [{"name": n, "node": conv_ir(params["down"][n], "VALID" if n == "proj" else "SAME")} for n in ("conv1", "conv2", "proj")],
        [{"residual": [call("conv1"), relu, call("conv2")], "shortcut": [call("proj")]}],
    )
    ir = module_ir(
        "CNN",
        [
            {"name": "conv1", "node": conv_ir(params["conv1"], "SAME")},
            {"name": "block", "node": block},
            {"name": "down", "node": down},
            {"name": "fc", "node": dense_ir(params["fc"])},
            {"name": "head", "items": [dense_ir(params["head_0"]), dense_ir(params["head_1"])]},
        ],
        [
            call("conv1"), relu, call("block"),
            {"op": op("pool", op="avg", windowShape=[2, 2], strides=[2, 2], padding="VALID", countIncludePad=True)},
            call("down"),
            {"op": op("pool", op="max", windowShape=[2, 2], strides=[2, 2], padding="SAME", countIncludePad=True)},
            {"op": op("flatten")}, call("fc"), relu, call("head"),
            {"op": op("softmax", axis=-1, log=True)},
        ],
    )
    write(out, "module_cnn", "flax.linen", ir, x, np.asarray(y))


def generate(out: pathlib.Path) -> None:
    pool_cases(out)
    shape_cases(out)
    softmax_cases(out)
    module_case(out)
