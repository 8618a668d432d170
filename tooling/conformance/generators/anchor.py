"""Conversions by the real `brainstate.interop` (the anchor): converted parameters, outputs, refusals.

Case names: `import_<fw>_<layer case>` (foreign -> brainstate with from_<fw>, and back with to_<fw>),
`export_<fw>_<layer case>` (brainstate -> foreign with to_<fw>), `refuse_<...>` (the exception the
anchor raises). Source models are the layer fixtures of the same name, rebuilt and re-randomised.
"""

from __future__ import annotations

import dataclasses
import pathlib
import sys

import brainstate
import equinox as eqx
import jax
import jax.numpy as jnp
import numpy as np
from brainstate import interop
from flax import nnx

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import fixturelib as fl  # noqa: E402
import layers_brainstate  # noqa: E402
import layers_equinox  # noqa: E402
import layers_linen  # noqa: E402
import layers_nnx  # noqa: E402
import specs  # noqa: E402

B = 3
IMPORTS = {
    "nnx": ["linear", "linear_no_bias", "linear_bf16", "embed", "conv1d_same", "conv2d_same", "conv2d_valid_no_bias",
            "conv2d_explicit_stride", "conv2d_dilation", "conv2d_groups", "conv2d_f16", "conv3d_same", "layernorm",
            "layernorm_no_scale", "layernorm_no_bias", "layernorm_no_affine", "rmsnorm", "rmsnorm_no_scale",
            "groupnorm", "groupnorm_no_affine", "batchnorm_0d", "batchnorm_1d", "batchnorm_2d", "batchnorm_3d",
            "batchnorm_bias_only", "dropout_deterministic", "lstmcell", "lstmcell_bf16", "sequential_notebook"],
    "linen": ["dense", "dense_no_bias", "dense_bf16", "embed", "conv1d_same", "conv2d_same", "conv2d_explicit_stride",
              "conv2d_groups", "conv3d_same", "layernorm", "layernorm_no_scale", "rmsnorm", "groupnorm",
              "groupnorm_group_size", "batchnorm_0d", "batchnorm_1d", "batchnorm_2d", "batchnorm_bias_only",
              "dropout_deterministic", "lstmcell", "sequential_notebook"],
    "equinox": ["linear", "linear_no_bias", "linear_bf16", "embedding", "conv1d_same", "conv2d_same_no_bias",
                "conv2d_explicit_stride", "conv2d_groups", "conv3d_same", "layernorm", "layernorm_no_affine",
                "rmsnorm_zero_bias", "rmsnorm_no_affine", "groupnorm", "groupnorm_no_affine", "dropout_inference",
                "lstmcell", "sequential_notebook"],
}
EXPORTS = ["linear", "linear_no_bias", "linear_bf16", "embedding", "conv1d_same", "conv2d_same", "conv2d_valid_no_bias",
           "conv2d_explicit_stride", "conv2d_dilation", "conv2d_groups", "conv3d_same", "conv2d_lhs_dilation",
           "layernorm", "layernorm_no_affine", "layernorm_no_scale", "rmsnorm", "rmsnorm_no_scale", "groupnorm",
           "batchnorm0d", "batchnorm1d", "batchnorm2d", "batchnorm3d", "batchnorm0d_no_affine", "dropout_eval",
           "lstmcell", "sequential_notebook", "sequential_linear_dropout"]
EXTRA_BST = {"sequential_linear_dropout": dict(
    name="sequential_linear_dropout", layer="Sequential", kind="forward", dtype="float32", acc=6, notes=None,
    shape=(4, 3), spec={"type": "Sequential", "layers": [{"type": "Linear", "in_size": 3, "out_size": 6},
                                                         {"type": "Dropout", "prob": 0.5},
                                                         {"type": "Linear", "in_size": 6, "out_size": 2}]})}
LAYER_CASES = {"nnx": layers_nnx.cases, "linen": layers_linen.cases, "equinox": layers_equinox.cases,
               "brainstate": layers_brainstate.cases}
FROM = {"nnx": interop.from_nnx, "linen": interop.from_linen, "equinox": interop.from_equinox}
NATIVE = {"nnx": ("msgpack", "flax-msgpack (nnx pure dict, str keys)"), "linen": ("msgpack", "flax-msgpack (to_bytes)"),
          "equinox": ("eqx", "equinox-leaves"), "brainstate": ("msgpack", "braintools-msgpack")}


def layer_case(fw, name):
    if fw == "brainstate" and name in EXTRA_BST:
        return EXTRA_BST[name]
    return next(c for c in LAYER_CASES[fw]() if c["name"] == name)


# ----------------------------------------------------------------- building and running models

def make_source(fw, c, seed, rng):
    """Builds + randomises a model of framework fw from layer case c. Returns an opaque handle."""
    if fw == "nnx":
        m = specs.build_nnx(c["spec"], seed=seed)
        layers_nnx.randomize(m, rng)
        return m
    if fw == "linen":
        module = specs.build_linen(c["spec"])
        x = example_input(fw, c, np.random.default_rng(0))
        args = linen_init_args(c, x)
        variables = module.init(jax.random.key(seed), *args)
        variables = layers_linen.map_tree(fl.randomize_tree(dict(variables), rng), jnp.asarray)
        return module, variables
    if fw == "equinox":
        m, state = specs.build_equinox(c["spec"], seed=seed)
        return layers_equinox.randomize(m, rng, c.get("zero", ()))
    brainstate.random.seed(seed)
    m = specs.build_brainstate(c["spec"])
    layers_brainstate.randomize(m, rng, c["dtype"] if c["dtype"] != "int32" else "float32")
    return m


def cell_kind(c):
    return c["kind"] in ("lstm", "gru", "cell")


def example_input(fw, c, rng):
    """The bst-layout (batched, channels-last) input for layer case c of framework fw."""
    if c["kind"] == "embed":
        n = c["spec"]["num_embeddings"]
        return rng.integers(0, n, (B,) if fw == "equinox" else c["shape"]).astype(np.int32)
    if cell_kind(c):
        steps, feat = (c["shape"][0], c["shape"][-1])
        return fl.rand_input(rng, (steps, B, feat), c["dtype"])
    if fw == "equinox":
        per = c["shape"]
        shape = (B, *per[1:], per[0]) if len(per) > 1 else (B, *per)  # channels-last batch
    else:
        shape = c["shape"]
    return fl.rand_input(rng, shape, c["dtype"])


def to_eqx_layout(x):
    return np.moveaxis(x, -1, 1) if x.ndim > 2 else x


def from_eqx_layout(y):
    return np.moveaxis(np.asarray(y), 1, -1) if np.asarray(y).ndim > 2 else np.asarray(y)


def linen_init_args(c, x):
    if c["kind"] in ("lstm", "gru"):
        h = jnp.zeros((x.shape[1], c["spec"]["features"]), x.dtype)
        return ((h, h) if c["kind"] == "lstm" else h, jnp.asarray(x[0]))
    return (jnp.asarray(x),)


def hidden_size(fw, c):
    s = c["spec"]
    return s.get("hidden_features") or s.get("features") or s.get("hidden_size") or s.get("num_out")


def run(fw, handle, c_kind, x, carry0=None):
    """Forward pass in bst layout (x batched channels-last; cells: x (T, B, in), carry0 {'c','h'})."""
    lstm = c_kind in ("lstm", "cell")
    if fw == "brainstate":
        with brainstate.environ.context(fit=False):
            if not lstm:
                return {"output": handle(jnp.asarray(x))}
            handle.init_state(batch_size=x.shape[1])
            handle.c.value, handle.h.value = jnp.asarray(carry0["c"]), jnp.asarray(carry0["h"])
            hs, cs = [], []
            for t in range(x.shape[0]):
                handle(jnp.asarray(x[t]))
                hs.append(handle.h.value), cs.append(handle.c.value)
            return {"carry_h": jnp.stack(hs), "carry_c": jnp.stack(cs)}
    if fw in ("nnx", "linen"):
        call = handle if fw == "nnx" else (lambda *a: handle[0].apply(handle[1], *a))
        if not lstm:
            return {"output": call(jnp.asarray(x))}
        carry = (jnp.asarray(carry0["c"]), jnp.asarray(carry0["h"]))
        hs, cs = [], []
        for t in range(x.shape[0]):
            carry, _ = call(carry, jnp.asarray(x[t]))
            cs.append(carry[0]), hs.append(carry[1])
        return {"carry_h": jnp.stack(hs), "carry_c": jnp.stack(cs)}
    if not lstm:
        if x.dtype.kind == "i":  # Embedding takes one scalar index per call: vmap over every index
            flat = jax.vmap(handle)(jnp.asarray(x).reshape(-1))
            return {"output": flat.reshape(*x.shape, flat.shape[-1])}
        return {"output": from_eqx_layout(jax.vmap(handle)(jnp.asarray(to_eqx_layout(np.asarray(x)))))}
    carry = (jnp.asarray(carry0["h"]), jnp.asarray(carry0["c"]))
    hs, cs = [], []
    for t in range(x.shape[0]):
        carry = jax.vmap(handle)(jnp.asarray(x[t]), carry)
        hs.append(carry[0]), cs.append(carry[1])
    return {"carry_h": jnp.stack(hs), "carry_c": jnp.stack(cs)}


def native(fw, handle) -> bytes:
    if fw == "nnx":
        return specs.nnx_to_bytes(handle)
    if fw == "linen":
        return specs.linen_to_bytes(handle[1])
    if fw == "equinox":
        return specs.eqx_to_bytes(handle)
    return specs.bst_to_bytes(handle)


def index(fw, handle):
    if fw == "nnx":
        return {"params": fl.param_index(specs.nnx_pure(handle))}
    if fw == "linen":
        return {"params": fl.param_index(handle[1])}
    if fw == "equinox":
        return {"leaves": specs.eqx_leaf_index(handle)}
    return {"states": specs.bst_state_index(handle)}


def jsonable(v):
    if isinstance(v, (bool, int, str)) or v is None:
        return v
    if isinstance(v, float):
        return v
    if isinstance(v, (np.floating, np.integer)):
        return v.item()
    if isinstance(v, (tuple, list)) and all(jsonable(e) is not _SKIP for e in v):
        return [jsonable(e) for e in v]
    if isinstance(v, (np.dtype, type)) and v in (jnp.float32, jnp.bfloat16, jnp.float16) or isinstance(v, np.dtype):
        return str(np.dtype(v))
    if hasattr(v, "shape") and getattr(v, "shape", None) == () and hasattr(v, "dtype"):
        return np.asarray(v).item()
    return _SKIP


_SKIP = object()


def describe(fw, handle):
    """Constructor-relevant attributes of a converted module (a spec-like transcription)."""
    if fw == "linen":
        return describe_obj(handle[0], "linen")
    return describe_obj(handle, fw)


def describe_obj(m, fw):
    out = {"type": type(m).__name__}
    layers = getattr(m, "layers", None)
    if layers is not None and type(m).__name__ == "Sequential":
        out["layers"] = [describe_obj(l, fw) for l in layers]
        return out
    if dataclasses.is_dataclass(m):
        items = [(f.name, getattr(m, f.name, None)) for f in dataclasses.fields(m)]
    else:
        items = sorted(vars(m).items())
    for k, v in items:
        if k.startswith("_") or k in ("parent", "name", "rngs", "weight", "bias", "kernel", "scale", "embedding"):
            continue
        j = jsonable(v)
        if j is not _SKIP:
            out[k] = j
    return out


# ----------------------------------------------------------------- cases

def write_pair(case, fw, handle, prefix, c_kind, x, carry0, bst_layout=True):
    fname_suffix, fmt = NATIVE[fw]
    case.file(prefix, f"{prefix}.{fname_suffix}", native(fw, handle))
    outs = run(fw, handle, c_kind, x, carry0)
    for k, v in outs.items():
        case.array(f"{prefix}_{k}", v)
    return {"framework": fw, "format": fmt, "file": prefix, "module": describe(fw, handle), **index(fw, handle)}


def generate(out: pathlib.Path) -> None:
    w = fl.CaseWriter(out)
    n = 0
    for fw, names in IMPORTS.items():
        for name in names:
            n += 1
            c = layer_case(fw, name)
            rng = np.random.default_rng(5000 + n)
            src = make_source(fw, c, n, rng)
            x = example_input(fw, c, rng)
            kind = "lstm" if cell_kind(c) else "forward"
            carry0 = None
            if kind == "lstm":
                hsz = hidden_size(fw, c)
                carry0 = {k: fl.rand_input(rng, (x.shape[1], hsz), c["dtype"]) for k in ("c", "h")}
            sample = None if kind == "lstm" or c["kind"] == "embed" else tuple(x.shape[1:])
            kwargs = {"sample_input": sample}
            brainstate.random.seed(n)
            if fw == "linen":
                bst = interop.from_linen(src[0], src[1], **kwargs)
            else:
                bst = FROM[fw](src, **kwargs)
            back = {"nnx": lambda: interop.to_nnx(bst), "linen": lambda: interop.to_linen(bst),
                    "equinox": lambda: interop.to_equinox(bst, key=jax.random.PRNGKey(0))}[fw]()
            out_dtype = c["dtype"] if c["dtype"] != "int32" else "float32"
            case = w.case(f"import_{fw}_{name}", fw, direction="import", layer=c["layer"], source_case=f"layers_{fw}/{name}",
                          spec=c["spec"], kind=kind, dtype=out_dtype, tolerance=fl.tolerance(out_dtype, c["acc"]),
                          call=f"bst = brainstate.interop.from_{fw}(source{', variables' if fw == 'linen' else ''}, "
                               f"sample_input={list(sample) if sample else None}); roundtrip = to_{fw}(bst)")
            case.set(sample_input=list(sample) if sample else None)
            case.array("input", x)
            if carry0:
                case.array("carry0_c", carry0["c"]), case.array("carry0_h", carry0["h"])
            case.set(source=write_pair(case, fw, src, "source", kind, x, carry0),
                     converted=write_pair(case, "brainstate", bst, "converted", kind, x, carry0),
                     roundtrip=write_pair(case, fw, back, "roundtrip", kind, x, carry0))
            case.write()
    for fw in ("nnx", "linen", "equinox"):
        for name in EXPORTS:
            if fw == "equinox" and (name.startswith("batchnorm") or name == "conv2d_lhs_dilation"):
                continue
            n += 1
            c = layer_case("brainstate", name)
            rng = np.random.default_rng(5000 + n)
            src = make_source("brainstate", c, n, rng)
            x = example_input("brainstate", c, rng)
            kind = "lstm" if cell_kind(c) else "forward"
            carry0 = None
            if kind == "lstm":
                carry0 = {k: fl.rand_input(rng, (x.shape[1], hidden_size("brainstate", c)), c["dtype"]) for k in "ch"}
            brainstate.random.seed(n)
            if fw == "nnx":
                conv = interop.to_nnx(src)
            elif fw == "linen":
                conv = interop.to_linen(src)
            else:
                conv = interop.to_equinox(src, key=jax.random.PRNGKey(0))
            out_dtype = c["dtype"] if c["dtype"] != "int32" else "float32"
            case = w.case(f"export_{fw}_{name}", fw, direction="export", layer=c["layer"],
                          source_case=f"layers_brainstate/{name}", spec=c["spec"], kind=kind, dtype=out_dtype,
                          tolerance=fl.tolerance(out_dtype, c["acc"]),
                          call=f"converted = brainstate.interop.to_{fw}(source"
                               + {"nnx": ")", "linen": ") -> (module, variables)",
                                  "equinox": ", key=jax.random.PRNGKey(0))"}[fw])
            case.array("input", x)
            if carry0:
                case.array("carry0_c", carry0["c"]), case.array("carry0_h", carry0["h"])
            case.set(source=write_pair(case, "brainstate", src, "source", kind, x, carry0),
                     converted=write_pair(case, fw, conv, "converted", kind, x, carry0))
            case.write()
    import _anchor_refusals

    _anchor_refusals.generate(w, n)
