"""Fixtures for `@interop/runtime`'s JAX-compatible PRNG (issue #7).

Values go straight into the JSON manifests (no .npy) because the runtime's tests must not
depend on `@interop/formats`. Encoding of an array (`enc`): `{"dtype", "shape", "bits"}` where
`bits` holds, in C order, the IEEE bit pattern of each element as an integer: uint32 for
float32, uint16 for float16/bfloat16, `[hi, lo]` uint32 pairs for float64 and uint64, plain
integers for uint8/16/32 and bool. Keys are recorded by their `key_data` (uint32 pairs).

Loaded by `generate.py` through `spec_from_file_location`, so the file name does not shadow the
stdlib `random` module.
"""

from __future__ import annotations

import json
import pathlib
from importlib import metadata

import numpy as np

from pins import VERSION_PACKAGES


def _versions() -> dict[str, str]:
    return {name: metadata.version(name) for name in VERSION_PACKAGES}


def enc(value) -> dict:
    arr = np.asarray(value)
    dtype = str(arr.dtype)
    flat = np.ascontiguousarray(arr).reshape(-1)
    if dtype == "float32":
        bits = flat.view(np.uint32).tolist()
    elif dtype in ("float16", "bfloat16"):
        bits = flat.view(np.uint16).tolist()
    elif dtype in ("float64", "uint64"):
        u = flat.view(np.uint64)
        bits = [[int(x >> np.uint64(32)), int(x & np.uint64(0xFFFFFFFF))] for x in u]
    elif dtype == "bool":
        bits = flat.astype(np.uint8).tolist()
    else:
        bits = flat.astype(np.int64).tolist()
    return {"dtype": dtype, "shape": list(arr.shape), "bits": bits}


def kd(key) -> list:
    import jax

    data = jax.random.key_data(key) if jax.dtypes.issubdtype(key.dtype, jax.dtypes.prng_key) else key
    return np.asarray(data).astype(np.int64).tolist()


def tree(params) -> dict:
    """Flattens nested dicts of arrays into {"a/b/c": enc(leaf)} in iteration order."""
    out = {}

    def walk(node, prefix):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, prefix + (str(k),))
        else:
            out["/".join(prefix)] = enc(node)

    walk(params, ())
    return out


def write(out: pathlib.Path, name: str, framework: str, **payload) -> None:
    manifest = {"schema": 1, "group": out.name, "case": name, "framework": framework,
                "versions": _versions(), "arrays": {}, "files": {}, **payload}
    text = json.dumps(manifest, separators=(",", ":"), sort_keys=False, allow_nan=False)
    (out / f"{name}.json").write_text(text + "\n", encoding="utf-8")


def keys_case(out):
    import jax
    import jax.numpy as jnp

    r = jax.random
    k0, k42 = r.key(0), r.key(42)
    seeds = {str(s): kd(r.key(s)) for s in (0, 1, 42, -1, 2**31 - 1, -(2**31), 2**32 + 5)}
    cases = {
        "seeds": seeds,
        "prngkey_0": kd(r.PRNGKey(0)),
        "split_0": kd(r.split(k0)),
        "split_42": kd(r.split(k42)),
        "split_0_3": kd(r.split(k0, 3)),
        "split_42_3": kd(r.split(k42, 3)),
        "split_0_2x3": kd(r.split(k0, (2, 3))),
        "split_raw_0": kd(r.split(r.PRNGKey(0))),
        "fold_in_0_1": kd(r.fold_in(k0, 1)),
        "fold_in_0_0": kd(r.fold_in(k0, 0)),
        "fold_in_42_12345": kd(r.fold_in(k42, 12345)),
        "fold_in_42_max": kd(r.fold_in(k42, 2**32 - 1)),
        "bits_0_scalar": enc(r.bits(k0)),
        "bits_0_8": enc(r.bits(k0, (8,))),
        "bits_42_2x3": enc(r.bits(k42, (2, 3))),
        "bits_42_7_u8": enc(r.bits(k42, (7,), jnp.uint8)),
        "bits_42_7_u16": enc(r.bits(k42, (7,), jnp.uint16)),
    }
    with jax.enable_x64(True):
        cases["bits_42_5_u64"] = enc(r.bits(r.key(42), (5,), jnp.uint64))
    write(out, "keys", "jax", cases=cases)


def samplers_case(out):
    import jax
    import jax.numpy as jnp

    r = jax.random
    k0, k42 = r.key(0), r.key(42)
    sub = r.split(k0, 3)
    u = {
        "u_0_scalar": ({"shape": []}, r.uniform(k0)),
        "u_0_6": ({"shape": [6]}, r.uniform(k0, (6,))),
        "u_42_3x4": ({"shape": [3, 4]}, r.uniform(k42, (3, 4))),
        "u_42_6_m1": ({"shape": [6], "minval": -1}, r.uniform(k42, (6,), minval=-1)),
        "u_0_5_range": ({"shape": [5], "minval": -0.3, "maxval": 2.5},
                        r.uniform(k0, (5,), minval=-0.3, maxval=2.5)),
        "u_sub1_4": ({"key": kd(sub[1]), "shape": [4]}, r.uniform(sub[1], (4,))),
        "u_0_9_f16": ({"shape": [9], "dtype": "float16"}, r.uniform(k0, (9,), jnp.float16)),
        "u_42_9_bf16": ({"shape": [9], "dtype": "bfloat16", "minval": -2, "maxval": 3},
                        r.uniform(k42, (9,), jnp.bfloat16, -2, 3)),
        "u_0_64_bf16": ({"shape": [64], "dtype": "bfloat16", "minval": -0.7, "maxval": 0.7},
                        r.uniform(k0, (64,), jnp.bfloat16, -0.7, 0.7)),
        "u_0_64_f16": ({"shape": [64], "dtype": "float16", "minval": -0.7, "maxval": 0.7},
                       r.uniform(k0, (64,), jnp.float16, -0.7, 0.7)),
        "n_0_scalar": ({"shape": []}, r.normal(k0)),
        "n_0_6": ({"shape": [6]}, r.normal(k0, (6,))),
        "n_42_4096": ({"shape": [4096]}, r.normal(k42, (4096,))),
        "n_42_16_f16": ({"shape": [16], "dtype": "float16"}, r.normal(k42, (16,), jnp.float16)),
        "n_42_16_bf16": ({"shape": [16], "dtype": "bfloat16"}, r.normal(k42, (16,), jnp.bfloat16)),
        "tn_0_6": ({"lower": -2, "upper": 2, "shape": [6]}, r.truncated_normal(k0, -2, 2, (6,))),
        "tn_42_2048": ({"lower": -2, "upper": 2, "shape": [2048]},
                       r.truncated_normal(k42, -2, 2, (2048,))),
        "tn_42_64_asym": ({"lower": -0.5, "upper": 1.5, "shape": [64]},
                          r.truncated_normal(k42, -0.5, 1.5, (64,))),
        "tn_0_64_wide": ({"lower": -3.9, "upper": 3.2, "shape": [64]},
                         r.truncated_normal(k0, -3.9, 3.2, (64,))),
        "tn_42_32_f16": ({"lower": -2, "upper": 2, "shape": [32], "dtype": "float16"},
                         r.truncated_normal(k42, -2, 2, (32,), jnp.float16)),
        "tn_0_32_bf16": ({"lower": -1.5, "upper": 2.5, "shape": [32], "dtype": "bfloat16"},
                         r.truncated_normal(k0, -1.5, 2.5, (32,), jnp.bfloat16)),
        "b_0_16": ({"p": 0.5, "shape": [16]}, r.bernoulli(k0, 0.5, (16,))),
        "b_42_32_p03": ({"p": 0.3, "shape": [32]}, r.bernoulli(k42, 0.3, (32,))),
    }
    with jax.enable_x64(True):
        u["u_0_5_f64"] = ({"shape": [5], "dtype": "float64"},
                          r.uniform(r.key(0), (5,), jnp.float64))
        u["n_0_5_f64"] = ({"shape": [5], "dtype": "float64", "approx": True},
                          r.normal(r.key(0), (5,), jnp.float64))
    cases = {}
    for name, (args, value) in u.items():
        key = args.pop("key", kd(k42 if "_42_" in name else k0))
        cases[name] = {"key": key, "args": args, "value": enc(value)}
    write(out, "samplers", "jax", cases=cases)


def initializers_case(out):
    import jax
    import jax.numpy as jnp
    from jax.nn import initializers as I

    k = jax.random.key(0)
    specs = [
        ("lecun_normal", I.lecun_normal(), [4, 8], {}),
        ("lecun_uniform", I.lecun_uniform(), [4, 8], {}),
        ("glorot_normal", I.glorot_normal(), [5, 7], {}),
        ("glorot_uniform", I.glorot_uniform(), [5, 7], {}),
        ("he_normal", I.he_normal(), [3, 3, 2, 4], {}),
        ("he_uniform", I.he_uniform(), [3, 3, 2, 4], {}),
        ("vs_fan_out_normal", I.variance_scaling(2.0, "fan_out", "normal"), [6, 5], {}),
        ("vs_fan_avg_uniform_axes", I.variance_scaling(1.0, "fan_avg", "uniform", in_axis=1,
                                                       out_axis=0, batch_axis=2), [4, 3, 2], {}),
        ("vs_tn_embed", I.variance_scaling(1.0, "fan_in", "normal", out_axis=0), [10, 6], {}),
        ("uniform_default", I.uniform(), [7], {}),
        ("uniform_scale", I.uniform(0.5), [2, 3], {}),
        ("normal_default", I.normal(), [7], {}),
        ("normal_stddev", I.normal(2.0), [2, 3], {}),
        ("truncated_normal_default", I.truncated_normal(), [7], {}),
        ("truncated_normal_stddev", I.truncated_normal(0.5), [2, 3], {}),
        ("zeros", I.zeros, [2, 3], {}),
        ("ones", I.ones, [2, 3], {}),
        ("lecun_normal_bf16", I.lecun_normal(), [4, 8], {"dtype": "bfloat16"}),
        ("orthogonal_4x4", I.orthogonal(), [4, 4], {}),
        ("orthogonal_6x3", I.orthogonal(), [6, 3], {}),
        ("orthogonal_3x6", I.orthogonal(), [3, 6], {}),
        ("orthogonal_16x16", I.orthogonal(), [16, 16], {}),
        ("orthogonal_2x3x4_col0", I.orthogonal(scale=2.0, column_axis=0), [2, 3, 4], {}),
    ]
    cases = {}
    for name, init, shape, kw in specs:
        dtype = jnp.dtype(kw.get("dtype", "float32"))
        cases[name] = {"shape": shape, "dtype": str(dtype), "value": enc(init(k, tuple(shape), dtype))}
    write(out, "initializers", "jax", key=kd(k), cases=cases)


def nnx_case(out):
    from flax import nnx

    def state(m):
        return tree(nnx.to_pure_dict(nnx.state(m, nnx.Param)))

    layers = {
        "linear_4_8": state(nnx.Linear(4, 8, rngs=nnx.Rngs(0))),
        "linear_4_8_seed42": state(nnx.Linear(4, 8, rngs=nnx.Rngs(42))),
        "conv_3_5_3x3": state(nnx.Conv(3, 5, (3, 3), rngs=nnx.Rngs(0))),
        "embed_10_6": state(nnx.Embed(10, 6, rngs=nnx.Rngs(0))),
        "lstm_cell_3_4": state(nnx.LSTMCell(3, 4, rngs=nnx.Rngs(0))),
    }
    rngs = nnx.Rngs(0, dropout=7)
    draws = {"params_0": kd(rngs.params()), "params_1": kd(rngs.params()),
             "dropout_0": kd(rngs.dropout()), "default_2": kd(rngs())}
    write(out, "nnx", "flax.nnx", layers=layers, rngs_draws=draws)


def linen_case(out):
    import jax
    import jax.numpy as jnp
    from flax import linen as nn

    k = jax.random.key(0)
    x = jnp.ones((1, 4))
    cell = nn.LSTMCell(4)
    carry = cell.initialize_carry(jax.random.key(1), (1, 3))
    layers = {
        "dense_8": tree(nn.Dense(8).init(k, x)["params"]),
        "sequential": tree(nn.Sequential([nn.Dense(8), nn.relu, nn.Dense(3)]).init(k, x)["params"]),
        "conv_5_3x3": tree(nn.Conv(5, (3, 3)).init(k, jnp.ones((1, 6, 6, 3)))["params"]),
        "embed_10_6": tree(nn.Embed(10, 6).init(k, jnp.zeros((1,), jnp.int32))["params"]),
        "lstm_cell_4": tree(cell.init(k, carry, jnp.ones((1, 3)))["params"]),
    }
    write(out, "linen", "flax.linen", layers=layers)


def equinox_case(out):
    import equinox as eqx
    import jax

    k = jax.random.PRNGKey(0)

    def fields(m, names):
        return {n: enc(getattr(m, n)) for n in names}

    layers = {
        "linear_4_8": fields(eqx.nn.Linear(4, 8, key=k), ["weight", "bias"]),
        "conv2d_3_5_3": fields(eqx.nn.Conv2d(3, 5, 3, key=k), ["weight", "bias"]),
        "embedding_10_6": fields(eqx.nn.Embedding(10, 6, key=k), ["weight"]),
        "lstm_cell_3_4": fields(eqx.nn.LSTMCell(3, 4, key=k), ["weight_ih", "weight_hh", "bias"]),
        "gru_cell_3_4": fields(eqx.nn.GRUCell(3, 4, key=k),
                               ["weight_ih", "weight_hh", "bias", "bias_n"]),
    }
    write(out, "equinox", "equinox", layers=layers)


def brainstate_case(out):
    import brainstate as bst

    r = bst.random
    values = {}
    r.seed(0)
    values["randn_3_4"] = enc(r.randn(3, 4))
    values["randn_3_4_second"] = enc(r.randn(3, 4))
    r.seed(0)
    values["rand_3"] = enc(r.rand(3))
    r.seed(0)
    values["split_key"] = kd(r.split_key())
    values["split_key_2"] = kd(r.split_key())
    values["state_after"] = kd(r.DEFAULT.value)
    layers = {}
    r.seed(0)
    layers["linear_4_8"] = tree(bst.nn.Linear(4, 8).weight.value)
    r.seed(0)
    layers["conv2d_8x8x3_5_3"] = tree(bst.nn.Conv2d((8, 8, 3), 5, 3).weight.value)
    r.seed(0)
    layers["embedding_10_6"] = tree({"weight": bst.nn.Embedding(10, 6).weight.value})
    inits = {}
    from brainstate.nn import init as B

    for name, init, shape in [("kaiming_normal", B.KaimingNormal(), [4, 8]),
                              ("kaiming_uniform", B.KaimingUniform(), [4, 8]),
                              ("xavier_normal", B.XavierNormal(), [3, 3, 2, 5]),
                              ("xavier_uniform", B.XavierUniform(), [5, 7]),
                              ("lecun_uniform", B.LecunUniform(), [10, 6]),
                              ("lecun_normal", B.LecunNormal(), [6, 4])]:
        r.seed(0)
        inits[name] = {"shape": shape, "value": enc(init(tuple(shape)))}
    write(out, "brainstate", "brainstate", values=values, layers=layers, initializers=inits)


def generate(out: pathlib.Path) -> None:
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    keys_case(out)
    samplers_case(out)
    initializers_case(out)
    nnx_case(out)
    linen_case(out)
    equinox_case(out)
    brainstate_case(out)
