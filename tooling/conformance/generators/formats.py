"""Format fixtures for `@interop/formats` (issue #5): files written by the real libraries.

Each case writes one native file (`formats/<case>.<ext>`) and a manifest whose `expected` maps
every array path in the file to `{"dtype", "shape", "hex"}`: the raw little-endian C-order bytes
as hex, so TypeScript can compare values bit for bit (NaN payloads and bfloat16 included).
Non-array leaves are recorded as `{"kind": "bool" | "int" | "float" | "str" | "none" | "bytes",
"value"}` (floats as the hex of their float64 bits; bytes as hex).
Everything stays tiny (well under 200 KB in total).
"""

from __future__ import annotations

import io
import json
import pathlib
import struct
import zipfile

import ml_dtypes
import numpy as np

from fixturelib import versions


def _arr(a) -> dict:
    a = np.asarray(a)
    a = np.ascontiguousarray(a).reshape(a.shape)
    # np.load gives bfloat16 records back as 2-byte voids; jnp.load reads them as bfloat16.
    dtype = "bfloat16" if a.dtype.kind == "V" and a.dtype.itemsize == 2 else str(a.dtype)
    return {"dtype": dtype, "shape": list(a.shape), "hex": a.tobytes().hex()}


def _leaf(v) -> dict:
    if isinstance(v, (np.ndarray, np.generic)) or hasattr(v, "__jax_array__") or type(v).__name__ == "ArrayImpl":
        return _arr(v)
    if isinstance(v, bool):
        return {"kind": "bool", "value": v}
    if isinstance(v, int):
        return {"kind": "int", "value": str(v)}
    if isinstance(v, float):
        return {"kind": "float", "value": struct.pack("<d", v).hex()}
    if isinstance(v, str):
        return {"kind": "str", "value": v}
    if isinstance(v, bytes):
        return {"kind": "bytes", "value": v.hex()}
    if v is None:
        return {"kind": "none", "value": None}
    if isinstance(v, complex):
        return {"kind": "complex", "value": [struct.pack("<d", v.real).hex(), struct.pack("<d", v.imag).hex()]}
    raise TypeError(f"unrecorded leaf {type(v)}")


def _flatten(tree, prefix="") -> dict:
    out = {}
    if isinstance(tree, dict):
        for k, v in tree.items():
            out.update(_flatten(v, f"{prefix}/{k}" if prefix else str(k)))
        return out
    out[prefix] = _leaf(tree)
    return out


def _case(out: pathlib.Path, case: str, framework: str, files: dict[str, bytes], expected, **extra) -> None:
    names = {}
    for name, data in files.items():
        fname = f"{case}{name}"
        (out / fname).write_bytes(data)
        names[name.lstrip(".") or "file"] = fname
    manifest = {
        "group": "formats",
        "case": case,
        "framework": framework,
        "versions": versions(),
        "arrays": {},
        "files": names,
        "expected": expected,
        **extra,
    }
    (out / f"{case}.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")


def _npy(a) -> bytes:
    buf = io.BytesIO()
    np.save(buf, a, allow_pickle=False)
    return buf.getvalue()


def _npy_cases(out: pathlib.Path, rng) -> None:
    arrays = {
        "f32": rng.standard_normal((4, 3)).astype(np.float32),
        "f64": rng.standard_normal((5,)),
        "f16": rng.standard_normal((2, 3)).astype(np.float16),
        "bf16": rng.standard_normal((3, 2)).astype(ml_dtypes.bfloat16),
        "i8": np.arange(-3, 3, dtype=np.int8),
        "i16": np.arange(-3, 3, dtype=np.int16).reshape(2, 3),
        "i32": np.array(7, dtype=np.int32),
        "i64": np.array([-(2**62), 2**62, -1], dtype=np.int64),
        "u8": np.arange(250, 256, dtype=np.uint8),
        "u16": np.array([0, 65535], dtype=np.uint16),
        "u32": np.array([[1, 2**32 - 1]], dtype=np.uint32),
        "u64": np.array([2**64 - 1, 0], dtype=np.uint64),
        "bool": np.array([[True, False], [False, True]]),
        "empty": np.zeros((0, 3), dtype=np.float32),
        "scalar_f32": np.float32(1.5),
        "rank4": np.arange(2 * 3 * 1 * 2, dtype=np.float32).reshape(2, 3, 1, 2),
        "wide_dim": np.zeros((123456, 0), dtype=np.float32),
    }
    for name, a in arrays.items():
        _case(out, f"npy-{name.replace('_', '-')}", "numpy", {".npy": _npy(a)}, {"": _arr(a)})
    many = np.zeros([1] * 64, dtype=np.uint8)
    _case(out, "npy-rank64", "numpy", {".npy": _npy(many)}, {"": _arr(many)})
    # What jnp.save writes for a bfloat16 jax array and for a Python float.
    import jax.numpy as jnp

    jb = jnp.asarray(arrays["bf16"])
    buf = io.BytesIO()
    jnp.save(buf, jb)
    _case(out, "npy-jnp-bf16", "jax", {".npy": buf.getvalue()}, {"": _arr(jb)})
    buf = io.BytesIO()
    jnp.save(buf, 0.25)
    _case(out, "npy-jnp-pyfloat", "jax", {".npy": buf.getvalue()}, {"": _arr(np.asarray(0.25))})
    # Rejected inputs: big-endian and complex.
    _case(out, "npy-bad-bigendian", "numpy", {".npy": _npy(np.arange(3, dtype=">f4"))}, {}, error="E_FORMAT_DTYPE")
    _case(out, "npy-bad-complex", "numpy", {".npy": _npy(np.arange(3, dtype=np.complex64))}, {}, error="E_FORMAT_DTYPE")
    fort = np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3))
    _case(out, "npy-fortran", "numpy", {".npy": _npy(fort)}, {"": _arr(np.ascontiguousarray(fort))}, roundtrip=False)


def _restored(data: bytes) -> dict:
    from flax import serialization

    return _flatten(serialization.msgpack_restore(data))


def _msgpack_cases(out: pathlib.Path, rng, tmp: pathlib.Path) -> None:
    import jax.numpy as jnp
    from flax import serialization

    tree = {
        "params": {
            "Dense_0": {
                "kernel": jnp.asarray(rng.standard_normal((3, 4)), dtype=jnp.float32),
                "bias": jnp.zeros((4,), jnp.float32),
            },
            "half": jnp.asarray(rng.standard_normal((2, 2)), dtype=jnp.float16),
            "bf16": jnp.asarray(rng.standard_normal((5,)), dtype=jnp.bfloat16),
            "ints": np.arange(-4, 4, dtype=np.int32).reshape(2, 4),
            "i64": np.array([2**40, -(2**40)], dtype=np.int64),
            "u8": np.arange(300, dtype=np.uint16).astype(np.uint8),
            "mask": np.array([True, False, True]),
            "zero_d": jnp.asarray(2.5, jnp.float32),
            "empty": np.zeros((0,), np.float32),
            "big": rng.standard_normal((40, 10)).astype(np.float32),
        },
        "step": 1234,
        "neg": -70000,
        "huge": 2**63 + 5,
        "lr": 0.001,
        "one": 1.0,
        "flag": True,
        "none": None,
        "name": "model-" + "x" * 40,
        "blob": b"\x00\x01\x02",
        "z": 1.5 - 2j,
        "np_scalar": np.float32(0.5),
        "np_int": np.int64(-3),
        "layers": [np.ones((2,), np.float32), (np.float64(1.0), 7)],
        "wide": {f"k{i}": i for i in range(20)},
    }
    data = serialization.to_bytes(tree)
    _case(out, "msgpack-to-bytes", "flax", {".msgpack": data}, _restored(data))
    sorted_data = serialization.msgpack_serialize({"b": np.ones(2, np.float32), "a": {"d": 1, "c": 2.0}})
    _case(out, "msgpack-serialize-sorted", "flax", {".msgpack": sorted_data}, _restored(sorted_data))
    as_list = serialization.msgpack_serialize([np.arange(3, dtype=np.int16), 5, "x"])
    _case(out, "msgpack-list-root", "flax", {".msgpack": as_list}, {str(i): _leaf(v) for i, v in enumerate(serialization.msgpack_restore(as_list))})
    old = serialization.MAX_CHUNK_SIZE
    serialization.MAX_CHUNK_SIZE = 8
    try:
        chunked = serialization.to_bytes({"a": np.arange(5, dtype=np.float32), "b": {"c": np.arange(3, dtype=np.int8)}, "d": np.arange(6, dtype=np.uint16).reshape(2, 3)})
    finally:
        serialization.MAX_CHUNK_SIZE = old
    _case(out, "msgpack-chunked", "flax", {".msgpack": chunked}, _restored(chunked), maxChunkBytes=8)
    int_keys = serialization.msgpack_serialize({1: np.ones(1, np.float32), 2: 2}, in_place=True)
    _case(out, "msgpack-int-keys", "flax", {".msgpack": int_keys}, _restored(int_keys), roundtrip=False)

    # An NNX pure dict (int keys for nnx.List / Sequential indices), stringified by to_bytes.
    from flax import nnx

    model = nnx.Sequential(nnx.Linear(3, 4, rngs=nnx.Rngs(0)), nnx.relu, nnx.LayerNorm(4, rngs=nnx.Rngs(1)),
                           nnx.BatchNorm(4, rngs=nnx.Rngs(2)))
    pure = nnx.to_pure_dict(nnx.state(model))
    nnx_bytes = serialization.to_bytes(pure)
    _case(out, "msgpack-nnx-pure-dict", "flax.nnx", {".msgpack": nnx_bytes}, _restored(nnx_bytes))

    # braintools.file.msgpack_save of BrainState states (written as their values).
    import brainstate
    import braintools

    states = {
        "w": brainstate.ParamState(jnp.asarray(rng.standard_normal((2, 3)), jnp.float32)),
        "b": brainstate.ParamState(jnp.zeros((3,), jnp.bfloat16)),
        "count": brainstate.ShortTermState(jnp.asarray(3, jnp.int32)),
        "tau": 10.0,
    }
    path = tmp / "bt.msgpack"
    braintools.file.msgpack_save(str(path), states, verbose=False)
    bt = path.read_bytes()
    _case(out, "msgpack-braintools", "brainstate", {".msgpack": bt}, _restored(bt))


def _eqx_cases(out: pathlib.Path, rng) -> None:
    import equinox as eqx
    import jax
    import jax.numpy as jnp

    key = jax.random.PRNGKey(0)
    model = (
        eqx.nn.Linear(3, 2, key=key),
        eqx.nn.Dropout(0.1),
        eqx.nn.LayerNorm(2),
        jnp.asarray(rng.standard_normal((2, 3)), jnp.bfloat16),
        {"b_float": 1.5, "a_int": 3, "c_bool": True},
        np.float32(0.25),
        jnp.asarray(rng.standard_normal((70, 3)), jnp.float16),
        None,
        lambda x: x,
    )
    buf = io.BytesIO()
    eqx.tree_serialise_leaves(buf, model)
    data = buf.getvalue()
    reader = io.BytesIO(data)
    leaves = []
    while reader.tell() < len(data):
        leaves.append(_arr(np.load(reader)))
    _case(out, "eqx-leaves", "equinox", {".eqx": data}, {str(i): v for i, v in enumerate(leaves)}, leafCount=len(leaves))


def _npz_cases(out: pathlib.Path, rng) -> None:
    arrays = {
        "w": rng.standard_normal((3, 4)).astype(np.float32),
        "b": np.arange(4, dtype=np.int64),
        "h": rng.standard_normal((2,)).astype(ml_dtypes.bfloat16),
        "m": np.array([True, False]),
    }
    import types

    # zipfile stamps entries with the current local time; pin it so the fixture is reproducible.
    fixed = types.SimpleNamespace(time=lambda: 0.0, localtime=lambda t=None: (2020, 1, 1, 0, 0, 0, 0, 1, 0))
    real_time = zipfile.time
    for name, fn in (("npz-stored", np.savez), ("npz-deflated", np.savez_compressed)):
        buf = io.BytesIO()
        zipfile.time = fixed
        try:
            fn(buf, **arrays)
        finally:
            zipfile.time = real_time
        _case(out, name, "numpy", {".npz": buf.getvalue()}, {k: _arr(v) for k, v in arrays.items()}, roundtrip=False)


def _safetensors_cases(out: pathlib.Path, rng) -> None:
    import safetensors.numpy as sn

    arrays = {
        "layer.weight": rng.standard_normal((3, 4)).astype(np.float32),
        "layer.bias": rng.standard_normal((4,)).astype(np.float32),
        "emb": rng.standard_normal((5, 2)).astype(np.float16),
        "bf": rng.standard_normal((3,)).astype(ml_dtypes.bfloat16),
        "ids": np.arange(3, dtype=np.int64),
        "flags": np.array([True, False, True]),
        "bytes": np.arange(7, dtype=np.uint8),
        "d": rng.standard_normal((2, 2)),
        "scalar": np.array(3, dtype=np.int32),
    }
    # One metadata key: the Rust writer emits __metadata__ in HashMap order, random per process.
    data = sn.save(arrays, metadata={"format": "np"})
    _case(out, "safetensors-mixed", "safetensors", {".safetensors": data}, {k: _arr(v) for k, v in arrays.items()})
    plain = sn.save({"x": np.ones((2, 2), np.float32)})
    _case(out, "safetensors-plain", "safetensors", {".safetensors": plain}, {"x": _arr(np.ones((2, 2), np.float32))})


def generate(out: pathlib.Path) -> None:
    import tempfile

    rng = np.random.default_rng(5)
    _npy_cases(out, rng)
    with tempfile.TemporaryDirectory() as tmp:
        _msgpack_cases(out, rng, pathlib.Path(tmp))
    _eqx_cases(out, rng)
    _npz_cases(out, rng)
    _safetensors_cases(out, rng)
