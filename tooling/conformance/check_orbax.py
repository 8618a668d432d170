"""Restores Orbax checkpoints written by `@interop/formats` (`saveOrbaxCheckpoint`) with real Orbax.

    python check_orbax.py DIR     # DIR from packages/formats/scripts/write-orbax-samples.ts

For every checkpoint: `ocp.StandardCheckpointer().restore` and `ocp.PyTreeCheckpointer().restore`
without a target, and, for the NNX cases, `StandardCheckpointer().restore` onto the abstract state
of `nnx.Sequential(nnx.Linear(4, 3), nnx.LayerNorm(3))` (State leaves) or restored then merged with
`nnx.replace_by_pure_dict` (pure dicts); then a forward pass of the restored model equals one of a
model built from our values. Arrays must be bit-equal with their dtypes kept. Called by
check_formats.py (pnpm conformance) when the samples exist; prints one line per check.
"""

from __future__ import annotations

import json
import pathlib
import struct
import sys

import numpy as np


def _same(got, rec) -> bool:
    a = np.asarray(got)
    name = "bfloat16" if a.dtype.kind == "V" and a.dtype.itemsize == 2 else str(a.dtype)
    return name == rec["dtype"] and list(a.shape) == rec["shape"] and np.ascontiguousarray(a).tobytes().hex() == rec["hex"]


def _get(tree, path: str):
    for k in path.split("/"):
        tree = tree[int(k)] if isinstance(tree, (list, tuple)) else tree[k]
    return tree


def _model():
    from flax import nnx

    return nnx.Sequential(nnx.Linear(4, 3, rngs=nnx.Rngs(0)), nnx.LayerNorm(3, rngs=nnx.Rngs(1)))


def run(d: pathlib.Path, check, expect) -> None:
    import jax
    import orbax.checkpoint as ocp
    from flax import nnx

    manifest = json.loads((d / "orbax.json").read_text())
    for name, spec in manifest.items():
        path = (d / name).resolve()
        jax_arrays = spec["options"].get("arrayType", "jax.Array") == "jax.Array"

        def arrays(restored, spec=spec, jax_arrays=jax_arrays) -> None:
            for p, rec in spec["arrays"].items():
                got = _get(restored, p)
                expect(_same(got, rec), f"{p}: {np.asarray(got).dtype}{list(np.asarray(got).shape)} differs from {rec['dtype']}{rec['shape']}")
                # 64-bit arrays are written as np.ndarray (jax without x64 would narrow them).
                want_jax = jax_arrays and np.dtype(rec["dtype"]).itemsize != 8 if rec["dtype"] != "bfloat16" else jax_arrays
                expect(isinstance(got, jax.Array) == want_jax, f"{p}: restored as {type(got).__name__}")
            for p, want in spec["scalars"].items():
                got = _get(restored, p)
                expect(got == want and type(got) is type(want), f"{p}: {got!r} ({type(got).__name__}) != {want!r}")

        for label, ckptr in (("StandardCheckpointer", ocp.StandardCheckpointer), ("PyTreeCheckpointer", ocp.PyTreeCheckpointer)):
            if label == "StandardCheckpointer" and spec["scalars"]:
                continue  # StandardCheckpointer refuses strings; PyTreeCheckpointer covers this case

            def restore(path=path, ckptr=ckptr, arrays=arrays) -> None:
                arrays(ckptr().restore(path))

            check(f"orbax {label}.restore {name}", restore)

        if spec["nnx"]:
            def nnx_target(path=path, spec=spec) -> None:
                model = _model()
                graphdef, abstract = nnx.split(nnx.eval_shape(_model))
                if spec["nnx"] == "state":
                    state = ocp.StandardCheckpointer().restore(path, abstract)
                else:
                    state = nnx.state(model)
                    nnx.replace_by_pure_dict(state, ocp.StandardCheckpointer().restore(path))
                restored = nnx.merge(graphdef, state)
                for p, rec in spec["arrays"].items():
                    keys = p.split("/")
                    leaf = nnx.state(restored)
                    for k in keys[:-1] if spec["nnx"] == "state" else keys:
                        leaf = leaf[int(k)] if k.isdigit() else leaf[k]
                    value = leaf.get_value() if hasattr(leaf, "get_value") else leaf
                    expect(_same(value, rec), f"{p} differs after merge")
                    expect(isinstance(value, jax.Array), f"{p}: {type(value).__name__}")
                x = np.linspace(-1, 1, 8, dtype=np.float32).reshape(2, 4)
                w = _get_arrays(spec["arrays"])
                ref = x @ w["kernel"] + w["bias0"]
                mean = ref.mean(-1, keepdims=True)
                var = ((ref - mean) ** 2).mean(-1, keepdims=True)
                ref = (ref - mean) / np.sqrt(var + 1e-6) * w["scale"] + w["bias1"]
                out = np.asarray(restored(x))
                expect(np.allclose(out, ref, rtol=1e-5, atol=1e-6), f"forward differs: {np.abs(out - ref).max()}")

            check(f"orbax nnx {'abstract State target' if spec['nnx'] == 'state' else 'pure dict + replace_by_pure_dict'} {name}", nnx_target)


def _get_arrays(arrays: dict) -> dict:
    def arr(rec):
        return np.frombuffer(bytes.fromhex(rec["hex"]), dtype=rec["dtype"]).reshape(rec["shape"])

    pick = {k.replace("/value", ""): v for k, v in arrays.items()}
    return {"kernel": arr(pick["layers/0/kernel"]), "bias0": arr(pick["layers/0/bias"]),
            "scale": arr(pick["layers/1/scale"]), "bias1": arr(pick["layers/1/bias"])}


def main(d: pathlib.Path) -> int:
    results = []

    def check(name, fn):
        try:
            fn()
            results.append((name, True, ""))
        except Exception as e:  # noqa: BLE001
            results.append((name, False, f"{type(e).__name__}: {str(e)[:300]}"))

    def expect(cond, what):
        if not cond:
            raise AssertionError(what)

    run(d, check, expect)
    failed = 0
    for name, ok, why in results:
        print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else ' - ' + why}")
        failed += not ok
    print(f"{len(results) - failed}/{len(results)} orbax checks passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1])))
