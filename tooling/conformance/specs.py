"""Architecture specs (JSON) -> real framework modules, and native checkpoint encode/decode.

A spec is a transcription of the Python constructor call: `{"type": <class or function name>,
<keyword>: <value>, ...}` with Python's own snake_case argument names. JSON has no tuples, so
lists stand for tuples; dtype arguments are dtype names ("float32", "bfloat16"); activations
are `{"type": "relu"}` (nnx, linen, brainstate) or `{"type": "Lambda", "fn": "relu"}`
(equinox); brainstate initializer arguments are class names (`"b_init": "ZeroInit"`) or null.
Both the generators and the live checker build models from specs with this module.
"""

from __future__ import annotations

import io
import os
import tempfile
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

DTYPES = {"float32": jnp.float32, "float16": jnp.float16, "bfloat16": jnp.bfloat16, "float64": jnp.float64}
DTYPE_KEYS = {"dtype", "param_dtype"}
ACTIVATIONS = ("relu", "tanh", "sigmoid", "gelu", "silu", "elu", "softplus", "leaky_relu", "swish")


def tuplify(value: Any) -> Any:
    """JSON lists -> tuples, recursively (frameworks want tuples for sizes and padding pairs)."""
    if isinstance(value, list):
        return tuple(tuplify(v) for v in value)
    return value


def _kwargs(spec: dict, skip: tuple = ()) -> dict:
    out = {}
    for key, value in spec.items():
        if key == "type" or key in skip:
            continue
        out[key] = DTYPES[value] if key in DTYPE_KEYS and value is not None else tuplify(value)
    return out


def activation(name: str):
    return getattr(jax.nn, name)


# ---------------------------------------------------------------- flax.nnx


def build_nnx(spec: dict, seed: int = 0):
    from flax import nnx

    kind = spec["type"]
    if kind in ACTIVATIONS:
        return getattr(nnx, kind)
    if kind == "Sequential":
        return nnx.Sequential(*[build_nnx(s, seed + i + 1) for i, s in enumerate(spec["layers"])])
    cls = getattr(nnx, kind)
    kwargs = _kwargs(spec)
    if kind == "Dropout":
        return cls(**kwargs)  # no rngs: no RngKey state, so the state stays msgpack-serialisable
    return cls(**kwargs, rngs=nnx.Rngs(seed))


def _nnx_saved():
    from flax import nnx

    # Everything but RNG state: a Dropout built with rngs holds an RngKey that msgpack cannot encode.
    return nnx.Not(nnx.RngState)


def nnx_pure(model) -> dict:
    from flax import nnx

    return nnx.to_pure_dict(nnx.state(model, _nnx_saved()))


def stringify_keys(tree: Any) -> Any:
    """NNX pure dicts have int keys (Sequential layer indices); msgpack checkpoints use str(k)."""
    if isinstance(tree, dict):
        return {str(k): stringify_keys(v) for k, v in tree.items()}
    return tree


def nnx_to_bytes(model) -> bytes:
    from flax import serialization

    return serialization.msgpack_serialize(stringify_keys(nnx_pure(model)))


def nnx_load(model, data: bytes):
    from flax import nnx, serialization

    pure = serialization.msgpack_restore(data)
    state = nnx.state(model, _nnx_saved())
    nnx.replace_by_pure_dict(state, pure)  # accepts '0' for int key 0
    nnx.update(model, state)
    return model


# ---------------------------------------------------------------- flax.linen


def build_linen(spec: dict):
    import flax.linen as nn

    kind = spec["type"]
    if kind in ACTIVATIONS:
        return getattr(nn, kind)
    if kind == "Sequential":
        return nn.Sequential([build_linen(s) for s in spec["layers"]])
    return getattr(nn, kind)(**_kwargs(spec))


def linen_to_bytes(variables) -> bytes:
    from flax import serialization

    return serialization.to_bytes(variables)


def linen_load(template, data: bytes):
    from flax import serialization

    return serialization.from_bytes(template, data)


# ---------------------------------------------------------------- equinox


def build_equinox(spec: dict, seed: int = 0):
    """Returns (model, state); state is None unless the model holds a BatchNorm."""
    import equinox as eqx

    def contains_bn(s):
        return s["type"] == "BatchNorm" or any(contains_bn(c) for c in s.get("layers", []))

    if contains_bn(spec):
        return eqx.nn.make_with_state(lambda: _build_eqx(spec, seed))()
    return _build_eqx(spec, seed), None


def _build_eqx(spec: dict, seed: int):
    import equinox as eqx

    kind = spec["type"]
    key = jax.random.key(seed)
    if kind == "Sequential":
        return eqx.nn.Sequential([_build_eqx(s, seed + i + 1) for i, s in enumerate(spec["layers"])])
    if kind == "Lambda":
        return eqx.nn.Lambda(activation(spec["fn"]))
    cls = getattr(eqx.nn, kind)
    kwargs = _kwargs(spec)
    if kind in ("LayerNorm", "RMSNorm", "GroupNorm", "BatchNorm", "Dropout", "Identity"):
        return cls(**kwargs)
    if kind == "Embedding" and "weight" in kwargs:
        return cls(**kwargs)
    return cls(**kwargs, key=key)


def eqx_to_bytes(tree) -> bytes:
    import equinox as eqx

    buf = io.BytesIO()
    eqx.tree_serialise_leaves(buf, tree)
    return buf.getvalue()


def eqx_load(like, data: bytes):
    import equinox as eqx

    return eqx.tree_deserialise_leaves(io.BytesIO(data), like)


def eqx_leaf_index(tree) -> list[dict]:
    """The records of the leaf stream, in file order: key path, shape, numpy dtype."""
    import equinox as eqx

    index = []
    for path, leaf in jax.tree_util.tree_flatten_with_path(tree)[0]:
        if not eqx.is_array_like(leaf):
            continue
        arr = np.asarray(leaf)
        index.append({"path": jax.tree_util.keystr(path), "shape": list(arr.shape), "dtype": str(arr.dtype)})
    return index


# ---------------------------------------------------------------- brainstate


def build_brainstate(spec: dict):
    import brainstate
    import brainstate.nn as bnn

    kind = spec["type"]
    if kind in ACTIVATIONS:
        return activation(kind)
    if kind == "Sequential":
        return bnn.Sequential(*[build_brainstate(s) for s in spec["layers"]])
    kwargs = _kwargs(spec)
    for key in ("b_init", "w_init", "state_init"):
        if key in kwargs and kwargs[key] is not None:
            kwargs[key] = getattr(brainstate.nn.init, kwargs[key])() if hasattr(brainstate.nn.init, kwargs[key]) \
                else getattr(__import__("braintools").init, kwargs[key])()
    return getattr(bnn, kind)(**kwargs)


def bst_states(model) -> dict:
    """Flat {path tuple: State} of a brainstate model (graph.states order)."""
    import brainstate

    return dict(brainstate.graph.states(model).items())


def bst_to_bytes(model) -> bytes:
    import brainstate
    import braintools

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "state.msgpack")
        braintools.file.msgpack_save(path, brainstate.graph.states(model).to_nest())
        with open(path, "rb") as f:
            return f.read()


def bst_load(model, data: bytes):
    import brainstate
    import braintools

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "state.msgpack")
        with open(path, "wb") as f:
            f.write(data)
        braintools.file.msgpack_load(path, brainstate.graph.states(model).to_nest())
    return model


def bst_state_index(model) -> list[dict]:
    """Flat state paths with the State class and the value's leaves (dict-valued states expand)."""
    index = []
    for path, state in bst_states(model).items():
        value = state.value
        leaves = value.items() if isinstance(value, dict) else [(None, value)]
        for sub, leaf in leaves:
            arr = np.asarray(leaf)
            entry = {"path": [p if isinstance(p, int) else str(p) for p in path], "state": type(state).__name__}
            if sub is not None:
                entry["key"] = sub
            entry.update(shape=list(arr.shape), dtype=str(arr.dtype))
            index.append(entry)
    return index
