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
    return {"dtype": str(a.dtype), "shape": list(a.shape), "hex": a.tobytes().hex()}


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


def generate(out: pathlib.Path) -> None:
    rng = np.random.default_rng(5)
    _npy_cases(out, rng)
