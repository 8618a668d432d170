"""Shared helpers for fixture generators: writing cases, manifests and arrays deterministically.

Every generator may use `CaseWriter`; the driver (`generate.py`) also stamps `group`, `case`
and `versions` into any manifest a generator wrote without them, so generators that do not use
this module still satisfy the contract in FIXTURES.md.
"""

from __future__ import annotations

import io
import json
import pathlib
import re
from importlib import metadata
from typing import Any

import numpy as np

SCHEMA = 1

from pins import VERSION_PACKAGES  # noqa: E402  (stdlib-only, shared with check.py)

_CASE_NAME = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")

# Unit roundoff per dtype (half the distance from 1 to the next float).
UNIT_ROUNDOFF = {"float32": 2.0**-24, "float16": 2.0**-11, "bfloat16": 2.0**-8, "float64": 2.0**-53}


def versions() -> dict[str, str]:
    """Installed versions of the recorded packages, in VERSION_PACKAGES order."""
    return {name: metadata.version(name) for name in VERSION_PACKAGES}


def tolerance(dtype: str, accumulation: int = 1) -> dict[str, Any]:
    """Comparison tolerance for an output computed in `dtype` from `accumulation` summed terms.

    float32/float64: rtol 1e-5, atol 1e-6 (a few ulps of headroom for a different summation
    order). float16/bfloat16: the unit roundoff times the accumulation length (the classic
    bound n*u for a sum of n products), at least 2u, used as both rtol and atol.
    """
    dtype = str(dtype)
    if dtype in ("float16", "bfloat16"):
        bound = UNIT_ROUNDOFF[dtype] * max(int(accumulation), 2)
        return {"dtype": dtype, "accumulation": int(accumulation), "rtol": bound, "atol": bound}
    return {"dtype": dtype, "accumulation": int(accumulation), "rtol": 1e-5, "atol": 1e-6}


def to_numpy(value: Any) -> np.ndarray:
    """A C-contiguous numpy copy of a jax/numpy array (bfloat16 stays ml_dtypes bfloat16)."""
    arr = np.asarray(value)
    return arr if arr.flags.c_contiguous else arr.copy(order="C")  # ascontiguousarray would make 0-d 1-d


def npy_bytes(value: Any) -> bytes:
    buf = io.BytesIO()
    np.save(buf, to_numpy(value), allow_pickle=False)
    return buf.getvalue()


def dtype_name(value: Any) -> str:
    return str(np.asarray(value).dtype)


def dump_json(obj: Any) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


class Case:
    """One fixture case: collects arrays and files, then writes them and the manifest."""

    def __init__(self, out: pathlib.Path, group: str, name: str, framework: str, **meta: Any):
        if not _CASE_NAME.match(name):
            raise ValueError(f"bad case name {name!r}: use lowercase letters, digits, '_' and '-'")
        self.out = out
        self.name = name
        self.manifest: dict[str, Any] = {
            "schema": SCHEMA,
            "group": group,
            "case": name,
            "framework": framework,
            "versions": versions(),
        }
        self.manifest.update(meta)
        self.manifest.setdefault("arrays", {})
        self.manifest.setdefault("files", {})

    def array(self, key: str, value: Any) -> str:
        """Saves `value` as `<case>.<key>.npy` and records it under `arrays[key]`."""
        fname = f"{self.name}.{_file_key(key)}.npy"
        if key in self.manifest["arrays"]:
            raise ValueError(f"{self.name}: array {key!r} written twice")
        (self.out / fname).write_bytes(npy_bytes(value))
        self.manifest["arrays"][key] = fname
        return fname

    def file(self, key: str, suffix: str, data: bytes) -> str:
        """Writes raw bytes as `<case>.<suffix>` and records it under `files[key]`."""
        fname = f"{self.name}.{suffix}"
        (self.out / fname).write_bytes(data)
        self.manifest["files"][key] = fname
        return fname

    def copy_file(self, key: str, suffix: str, src: pathlib.Path) -> str:
        return self.file(key, suffix, pathlib.Path(src).read_bytes())

    def set(self, **meta: Any) -> "Case":
        self.manifest.update(meta)
        return self

    def write(self) -> None:
        path = self.out / f"{self.name}.json"
        if path.exists():
            raise ValueError(f"case {self.name!r} written twice")
        path.write_text(dump_json(self.manifest), encoding="utf-8")


def _file_key(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9_\-.]", "_", key.replace("/", "."))


class CaseWriter:
    """Factory for the cases of one group: `w = CaseWriter(out); c = w.case('name', 'nnx', ...)`."""

    def __init__(self, out: pathlib.Path):
        self.out = pathlib.Path(out)
        self.group = self.out.name
        self.names: set[str] = set()

    def case(self, name: str, framework: str, **meta: Any) -> Case:
        if name in self.names:
            raise ValueError(f"duplicate case {name!r} in group {self.group!r}")
        self.names.add(name)
        return Case(self.out, self.group, name, framework, **meta)


def tree_paths(tree: Any, prefix: tuple = ()) -> list[tuple[tuple, Any]]:
    """Flattens nested dicts into (path tuple, leaf) pairs in the dict's own iteration order."""
    items: list[tuple[tuple, Any]] = []
    if isinstance(tree, dict):
        for key, value in tree.items():
            items.extend(tree_paths(value, prefix + (key,)))
    else:
        items.append((prefix, tree))
    return items


def param_index(tree: Any) -> list[dict[str, Any]]:
    """Manifest listing of the array leaves of a nested dict: path (JSON list), shape, dtype."""
    index = []
    for path, leaf in tree_paths(tree):
        arr = np.asarray(leaf)
        index.append({"path": [p if isinstance(p, int) else str(p) for p in path],
                      "shape": list(arr.shape), "dtype": str(arr.dtype)})
    return index


def random_like(leaf: Any, rng: np.random.Generator, positive: bool = False) -> Any:
    """Random values with the leaf's shape and dtype (float leaves only; others are returned as is).

    Normal(0, 0.5) values, or uniform [0.5, 1.5) for variances, drawn in float32 and then cast,
    so low-precision parameters hold exactly representable values.
    """
    arr = np.asarray(leaf)
    if arr.dtype.kind not in "fV" and str(arr.dtype) != "bfloat16":
        return leaf
    shape = arr.shape
    values = rng.uniform(0.5, 1.5, shape) if positive else rng.normal(0.0, 0.5, shape)
    return np.asarray(values.astype(np.float32)).astype(arr.dtype)


def randomize_tree(tree: Any, rng: np.random.Generator, path: tuple = ()) -> Any:
    """Replaces every float leaf of nested dicts with random values, keeping key order.

    Leaves whose key names a variance (`var`, `running_var`) get positive values.
    """
    if isinstance(tree, dict):
        return {k: randomize_tree(v, rng, path + (k,)) for k, v in tree.items()}
    if tree is None:
        return None
    positive = bool(path) and str(path[-1]) in ("var", "running_var")
    return random_like(tree, rng, positive)


def rand_input(rng: np.random.Generator, shape, dtype: str = "float32") -> np.ndarray:
    return np.asarray(rng.normal(0.0, 1.0, tuple(shape)).astype(np.float32)).astype(_np_dtype(dtype))


def _np_dtype(name: str):
    if name == "bfloat16":
        import ml_dtypes

        return ml_dtypes.bfloat16
    return np.dtype(name)
