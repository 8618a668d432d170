"""Loads files written by `@interop/formats` with the real Python libraries and checks the values.

    python check_formats.py [DIR]

Without DIR it runs `packages/formats/scripts/write-samples.ts` (via node + tsx) into a temporary
directory first. DIR must hold the files and the `manifest.json` that script writes. Readers used:
numpy.load, flax.serialization.from_bytes / msgpack_restore, braintools' msgpack restore,
eqx.tree_deserialise_leaves (with a skeleton built in Python), safetensors.numpy.load. Prints one
line per check and exits 1 if any fails.
"""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
import tempfile

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
RESULTS: list[tuple[str, bool, str]] = []


def _same(got, rec) -> bool:
    a = np.asarray(got)
    name = "bfloat16" if a.dtype.kind == "V" and a.dtype.itemsize == 2 else str(a.dtype)
    return name == rec["dtype"] and list(a.shape) == rec["shape"] and np.ascontiguousarray(a).tobytes().hex() == rec["hex"]


def check(name: str, fn) -> None:
    try:
        fn()
        RESULTS.append((name, True, ""))
    except Exception as e:  # noqa: BLE001 - report every failure, keep going
        RESULTS.append((name, False, f"{type(e).__name__}: {e}"))


def expect(cond: bool, what: str) -> None:
    if not cond:
        raise AssertionError(what)


def _get(tree, path: str):
    for k in path.split("/"):
        tree = tree[k]
    return tree


def main(d: pathlib.Path) -> int:
    manifest = json.loads((d / "manifest.json").read_text())

    for fname, rec in manifest["npy"].items():
        check(f"numpy.load {fname}", lambda f=fname, r=rec: expect(_same(np.load(d / f), r), "values differ"))

    from flax import serialization

    def msgpack_file(fname: str, spec: dict) -> None:
        data = (d / fname).read_bytes()
        restored = serialization.msgpack_restore(data)
        for path, want in spec.items():
            got = _get(restored, path)
            if isinstance(want, dict):
                expect(_same(got, want), f"{path} differs")
            elif isinstance(want, list):
                expect(complex(*want) == got, f"{path}: {got!r}")
            else:
                expect(got == want, f"{path}: {got!r} != {want!r}")
        # from_bytes onto a target of the same structure, as users restore checkpoints.
        # chunked.msgpack was written with 8-byte chunks, so compare under the same MAX_CHUNK_SIZE.
        old = serialization.MAX_CHUNK_SIZE
        serialization.MAX_CHUNK_SIZE = 8 if fname == "chunked.msgpack" else old
        try:
            again = serialization.to_bytes(serialization.from_bytes(restored, data))
        finally:
            serialization.MAX_CHUNK_SIZE = old
        expect(again == data, "to_bytes(from_bytes(...)) does not reproduce our bytes")

    for fname, spec in manifest["msgpack"].items():
        check(f"flax msgpack_restore/from_bytes {fname}", lambda f=fname, s=spec: msgpack_file(f, s))

    def braintools_file(fname: str) -> None:
        from braintools.file import _msg_checkpoint as bt

        restored = bt._msgpack_restore((d / fname).read_bytes())
        expect(_same(_get(restored, "params/Dense_0/kernel"), manifest["msgpack"][fname]["params/Dense_0/kernel"]), "kernel differs")

    def plain_msgpack() -> None:
        import msgpack

        # Default unpackb refuses int map keys, so this passes only if NNX int keys were stringified.
        tree = msgpack.unpackb((d / "flax.msgpack").read_bytes(), ext_hook=lambda code, data: code)
        expect(sorted(tree["layers"]) == ["0", "2"], f"layers keys {list(tree['layers'])}")

    check("msgpack.unpackb (strict_map_key) flax.msgpack", plain_msgpack)
    check("braintools msgpack restore flax.msgpack", lambda: braintools_file("flax.msgpack"))

    def eqx_file() -> None:
        import equinox as eqx
        import jax
        import jax.numpy as jnp

        spec = manifest["eqx"]["model.eqx"]
        like = (eqx.nn.Linear(3, 2, key=jax.random.PRNGKey(0)), eqx.nn.Dropout(0.5), jnp.zeros((3, 2), jnp.bfloat16),
                {"a_int": 0, "b_float": 0.0, "c_bool": False})
        model = eqx.tree_deserialise_leaves(d / "model.eqx", like)
        lin, drop, bf, scalars = model
        expect(_same(lin.weight, spec["weight"]) and _same(lin.bias, spec["bias"]), "Linear differs")
        expect(drop.p == spec["p"] and drop.inference is spec["inference"], f"Dropout {drop.p} {drop.inference}")
        expect(_same(bf, spec["bf16"]), "bf16 leaf differs")
        expect(scalars == {"a_int": 7, "b_float": 2.5, "c_bool": True}, f"scalars {scalars}")
        expect(type(scalars["a_int"]) is int and type(scalars["c_bool"]) is bool, "scalar types")

    check("eqx.tree_deserialise_leaves model.eqx", eqx_file)

    for fname, spec in manifest["npz"].items():
        def npz_file(f=fname, s=spec) -> None:
            with np.load(d / f) as z:
                expect(sorted(z.files) == sorted(s), f"names {z.files}")
                for k, rec in s.items():
                    expect(_same(z[k], rec), f"{k} differs")
        check(f"numpy.load {fname}", npz_file)

    def st_file() -> None:
        import safetensors.numpy as sn
        from safetensors import safe_open

        spec = manifest["safetensors"]["model.safetensors"]
        loaded = sn.load_file(str(d / "model.safetensors"))
        for k, rec in spec["tensors"].items():
            expect(_same(loaded[k], rec), f"{k} differs")
        with safe_open(str(d / "model.safetensors"), "np") as f:
            expect(f.metadata() == spec["metadata"], f"metadata {f.metadata()}")

    check("safetensors load_file/safe_open model.safetensors", st_file)

    if (d / "orbax" / "orbax.json").exists():
        import check_orbax

        check_orbax.run(d / "orbax", check, expect)

    failed = 0
    for name, ok, why in RESULTS:
        print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else ' - ' + why}")
        failed += not ok
    print(f"{len(RESULTS) - failed}/{len(RESULTS)} checks passed")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) > 1:
        sys.exit(main(pathlib.Path(sys.argv[1])))
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["node", "--conditions=@interop/source", "--import", "tsx", "packages/formats/scripts/write-samples.ts", tmp],
            cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
        )
        sys.exit(main(pathlib.Path(tmp)))
