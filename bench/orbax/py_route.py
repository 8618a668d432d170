"""Python side of the Orbax benchmark (run with tooling/conformance/.venv/bin/python).

    py_route.py generate DIR LAYERS WIDTH   an NNX model of LAYERS nnx.Linear(WIDTH, WIDTH) saved with
                                          ocp.StandardCheckpointer().save(DIR, nnx.state(model))
                                          (Orbax's defaults: OCDBT, zarr v2, zstd level 1)
    py_route.py eqx DIR OUT LAYERS          the plain Python route to Equinox: StandardCheckpointer
                                          restore against the abstract state, numpy transposes,
                                          eqx.tree_serialise_leaves

`eqx` prints one JSON line {"seconds": ...}: restore, transposes and write, after the imports. The
kernels are made C-contiguous (`np.ascontiguousarray(kernel.T)`), as a real Equinox model's are.
"""

import json
import sys
import time


def model_class():
    from flax import nnx

    class Stack(nnx.Module):
        def __init__(self, layers: int, width: int, rngs: nnx.Rngs):
            self.layers = nnx.List([nnx.Linear(width, width, rngs=rngs) for _ in range(layers)])

    return Stack


def generate(path: str, layers: int, width: int) -> None:
    import orbax.checkpoint as ocp
    from flax import nnx

    model = model_class()(layers, width, nnx.Rngs(0))
    with ocp.StandardCheckpointer() as ckptr:
        ckptr.save(path, nnx.state(model))


def to_eqx(path: str, out: str, layers: int) -> None:
    import equinox as eqx
    import jax
    import numpy as np
    import orbax.checkpoint as ocp
    from flax import nnx

    t0 = time.perf_counter()
    # The target's shapes come from the checkpoint's own metadata, as a user's abstract model would give them.
    with ocp.StandardCheckpointer() as ckptr:
        meta = ckptr.metadata(path)
        tree = meta.item_metadata if hasattr(meta, "item_metadata") else meta
        restored = ckptr.restore(path, jax.tree.map(lambda m: jax.ShapeDtypeStruct(m.shape, m.dtype), tree))
    leaves = []
    for i in range(layers):
        # Orbax restores the saved nnx.State as nested dicts: layers -> "<i>" -> kernel -> value.
        lin = restored["layers"][str(i)]
        leaves += [np.ascontiguousarray(np.asarray(lin["kernel"]["value"]).T), np.asarray(lin["bias"]["value"])]
    eqx.tree_serialise_leaves(out, leaves)
    print(json.dumps({"seconds": time.perf_counter() - t0}))


if __name__ == "__main__":
    op = sys.argv[1]
    if op == "generate":
        generate(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif op == "eqx":
        to_eqx(sys.argv[2], sys.argv[3], int(sys.argv[4]))
