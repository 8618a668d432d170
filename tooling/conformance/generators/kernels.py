"""Golden outputs of real JAX/Flax for `@interop/runtime`'s kernels (issue #4).

Each case is one JSON manifest holding a layer IR (kind, params, tensors in canonical layout),
an input, and JAX's output. Values sit in the manifest (no .npy) because the runtime's tests
must not depend on `@interop/formats`: an array is `{"dtype": "float32", "shape", "bits"}` with
`bits` the uint32 IEEE pattern of each element in C order.
"""

from __future__ import annotations

import json
import pathlib
from importlib import metadata

import numpy as np

from pins import VERSION_PACKAGES

RNG = np.random.default_rng(1234)


def enc(value) -> dict:
    arr = np.ascontiguousarray(np.asarray(value, dtype=np.float32))
    return {"dtype": "float32", "shape": list(arr.shape), "bits": arr.reshape(-1).view(np.uint32).tolist()}


def rand(*shape, scale=1.0):
    return (RNG.uniform(-1, 1, size=shape) * scale).astype(np.float32)


def write(out: pathlib.Path, case: str, framework: str, ir: dict, x, expected, **extra) -> None:
    manifest = {
        "group": "kernels",
        "case": case,
        "framework": framework,
        "versions": {n: metadata.version(n) for n in VERSION_PACKAGES},
        "arrays": {},
        "files": {},
        "ir": {"kind": ir["kind"], "params": ir["params"], "tensors": {k: enc(v) for k, v in ir["tensors"].items()}},
        "input": enc(x),
        "expected": {k: enc(v) for k, v in expected.items()} if isinstance(expected, dict) else enc(expected),
        "tolerance": {"rtol": 1e-5, "atol": 1e-5},
        **extra,
    }
    (out / f"{case}.json").write_text(json.dumps(manifest, separators=(",", ":")) + "\n", encoding="utf-8")


def conv_cases(out: pathlib.Path) -> None:
    import jax

    specs = [
        ("conv1d_same_stride2", [2, 9, 3], [3], 4, dict(window_strides=(2,), padding="SAME")),
        ("conv2d_same_lower", [1, 8, 7, 3], [4, 2], 5, dict(window_strides=(1, 1), padding="SAME_LOWER")),
        ("conv2d_same_even", [1, 8, 7, 3], [4, 2], 5, dict(window_strides=(1, 1), padding="SAME")),
        ("conv2d_valid_strided", [2, 9, 9, 2], [3, 3], 3, dict(window_strides=(2, 3), padding="VALID")),
        ("conv2d_explicit_pads", [1, 6, 6, 2], [3, 3], 2, dict(window_strides=(1, 1), padding=((2, 0), (1, -1)))),
        ("conv2d_rhs_dilation", [1, 9, 9, 2], [3, 3], 3, dict(window_strides=(1, 1), padding="SAME", rhs_dilation=(2, 3))),
        ("conv2d_lhs_dilation", [1, 4, 5, 3], [3, 3], 2, dict(window_strides=(1, 1), padding=((2, 2), (1, 2)), lhs_dilation=(2, 3))),
        ("conv2d_groups", [2, 5, 5, 6], [3, 3], 9, dict(window_strides=(1, 1), padding="SAME", feature_group_count=3)),
        ("conv3d_same", [1, 4, 5, 3, 2], [2, 3, 2], 3, dict(window_strides=(1, 2, 1), padding="SAME")),
    ]
    for case, xs, ks, cout, kw in specs:
        n = len(ks)
        groups = kw.get("feature_group_count", 1)
        cin = xs[-1]
        x = rand(*xs)
        k = rand(*ks, cin // groups, cout, scale=0.5)
        b = rand(cout)
        spatial = "DHW"[-n:]
        dn = ("N" + spatial + "C", spatial + "IO", "N" + spatial + "C")
        y = jax.lax.conv_general_dilated(x, k, dimension_numbers=dn, **kw) + b
        pad = kw["padding"]
        params = {
            "inFeatures": cin, "outFeatures": cout, "kernelSize": ks, "strides": list(kw["window_strides"]),
            "padding": pad if isinstance(pad, str) else [list(p) for p in pad], "paddingMode": "zeros",
            "inputDilation": list(kw.get("lhs_dilation", (1,) * n)), "kernelDilation": list(kw.get("rhs_dilation", (1,) * n)),
            "featureGroups": groups,
        }
        write(out, case, "jax.lax", {"kind": "conv", "params": params, "tensors": {"kernel": k, "bias": b}}, x, np.asarray(y))


def norm_cases(out: pathlib.Path) -> None:
    import flax.linen as nn
    import jax

    x = rand(2, 5, 4, 12, scale=2.0) + 0.5
    scale, bias = rand(12) + 1.0, rand(12)
    for case, mod, kind, params, tensors in [
        ("layer_norm_fast", nn.LayerNorm(epsilon=1e-6), "layer-norm", {"featureShape": [12], "epsilon": 1e-6, "variance": "fast"}, {"scale": scale, "bias": bias}),
        ("layer_norm_two_pass", nn.LayerNorm(epsilon=1e-5, use_fast_variance=False), "layer-norm", {"featureShape": [12], "epsilon": 1e-5, "variance": "two-pass"}, {"scale": scale, "bias": bias}),
        ("rms_norm", nn.RMSNorm(epsilon=1e-6), "rms-norm", {"featureShape": [12], "epsilon": 1e-6}, {"scale": scale}),
        ("group_norm", nn.GroupNorm(num_groups=3, epsilon=1e-6), "group-norm", {"channels": 12, "numGroups": 3, "epsilon": 1e-6, "variance": "fast"}, {"scale": scale, "bias": bias}),
    ]:
        y = mod.apply({"params": tensors}, x)
        write(out, case, "flax.linen", {"kind": kind, "params": params, "tensors": tensors}, x, np.asarray(y))


def gelu_cases(out: pathlib.Path) -> None:
    import jax

    x = np.concatenate([np.linspace(-8, 8, 161, dtype=np.float32), np.float32([1e-4, -1e-4, -3.3, 5.5])])[None, :]
    for approximate, fn in [(False, "gelu"), (True, "gelu_tanh")]:
        y = jax.nn.gelu(x, approximate=approximate)
        write(out, fn, "jax.nn", {"kind": "activation", "params": {"fn": fn}, "tensors": {}}, x, np.asarray(y))


def cell_cases(out: pathlib.Path) -> None:
    import flax.linen as nn
    import jax

    B, I, H = 3, 5, 4
    x, h, c = rand(B, I), rand(B, H), rand(B, H)
    lstm = nn.LSTMCell(features=H)
    p = lstm.init(jax.random.key(0), (c, h), x)["params"]
    (c2, h2), _ = lstm.apply({"params": p}, (c, h), x)
    cat = lambda names, field: np.concatenate([np.asarray(p[n][field]) for n in names], axis=-1)
    tensors = {"inputKernel": cat(["ii", "if", "ig", "io"], "kernel"), "hiddenKernel": cat(["hi", "hf", "hg", "ho"], "kernel"), "bias": cat(["hi", "hf", "hg", "ho"], "bias")}
    ir = {"kind": "lstm-cell", "params": {"inputSize": I, "hiddenSize": H}, "tensors": tensors}
    write(out, "lstm_cell", "flax.linen", ir, x, {"h": h2, "c": c2}, carry={"h": enc(h), "c": enc(c)})

    gru = nn.GRUCell(features=H)
    p = gru.init(jax.random.key(1), h, x)["params"]
    p = jax.tree_util.tree_map(lambda v: v + 0.1, p)  # non-zero biases, including hn's
    h3, _ = gru.apply({"params": p}, h, x)
    tensors = {
        "inputKernel": cat(["ir", "iz", "in"], "kernel"), "bias": cat(["ir", "iz", "in"], "bias"),
        "hiddenKernel": cat(["hr", "hz", "hn"], "kernel"), "hiddenBiasN": np.asarray(p["hn"]["bias"]),
    }
    ir = {"kind": "gru-cell", "params": {"inputSize": I, "hiddenSize": H}, "tensors": tensors}
    write(out, "gru_cell", "flax.linen", ir, x, {"h": h3}, carry={"h": enc(h)})


def generate(out: pathlib.Path) -> None:
    conv_cases(out)
    norm_cases(out)
    gelu_cases(out)
    cell_cases(out)
