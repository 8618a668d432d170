"""Python side of the streaming benchmark (run with tooling/conformance/.venv/bin/python).

    py_route.py generate FILE LAYERS WIDTH   a Linen checkpoint: LAYERS Dense WIDTHxWIDTH float32
                                           layers, params/Dense_<i>/{kernel, bias}, written by
                                           flax.serialization.to_bytes
    py_route.py eqx FILE OUT LAYERS          the plain Python route to Equinox: msgpack_restore,
                                           numpy transposes, eqx.tree_serialise_leaves

`eqx` prints one JSON line {"seconds": ...}: the file read, restore, transposes and write, after
the imports. The kernels are made C-contiguous (`np.ascontiguousarray(kernel.T)`), as the jax
arrays of a real Equinox model are; `np.save` of a bare `kernel.T` would record Fortran order.
"""

import json
import sys
import time


def generate(path: str, layers: int, width: int) -> None:
    import numpy as np
    from flax import serialization

    rng = np.random.default_rng(0)
    params = {}
    for i in range(layers):
        params[f"Dense_{i}"] = {
            "kernel": rng.standard_normal((width, width), dtype=np.float32) * np.float32(0.02),
            "bias": rng.standard_normal((width,), dtype=np.float32) * np.float32(0.02),
        }
    with open(path, "wb") as f:
        f.write(serialization.to_bytes({"params": params}))


def to_eqx(path: str, out: str, layers: int) -> None:
    import equinox as eqx
    import numpy as np
    from flax import serialization

    t0 = time.perf_counter()
    with open(path, "rb") as f:
        tree = serialization.msgpack_restore(f.read())
    leaves = []
    for i in range(layers):
        dense = tree["params"][f"Dense_{i}"]
        leaves += [np.ascontiguousarray(dense["kernel"].T), dense["bias"]]
    eqx.tree_serialise_leaves(out, leaves)
    print(json.dumps({"seconds": time.perf_counter() - t0}))


if __name__ == "__main__":
    op = sys.argv[1]
    if op == "generate":
        generate(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif op == "eqx":
        to_eqx(sys.argv[2], sys.argv[3], int(sys.argv[4]))
