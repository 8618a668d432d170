"""Writes flax_nnx.json: facts from real Flax NNX (flax 0.12.8) that the golden fixtures lack.

Run from the repository root with the conformance venv:
    tooling/conformance/.venv/bin/python packages/nnx/src/__fixtures__/python/generate.py
"""
import hashlib
import json
import pathlib
import sys

import jax.numpy as jnp
import numpy as np
from flax import nnx

ROOT = pathlib.Path(__file__).resolve().parents[5]
sys.path.insert(0, str(ROOT / "tooling/conformance"))
import specs  # noqa: E402

out = {}

# specs.build_nnx(spec) seeds (root 0, Sequential layer i: seed + i + 1): the state file of the
# freshly built model, as sha256 of specs.nnx_to_bytes.
init = {}
for path in sorted((ROOT / "tooling/conformance/fixtures/layers_nnx").glob("*.json")):
    spec = json.loads(path.read_text())["spec"]
    init[path.stem] = hashlib.sha256(specs.nnx_to_bytes(specs.build_nnx(spec))).hexdigest()
out["build_nnx_sha256"] = init


def bits(a):
    return np.asarray(a, np.float32).view(np.uint32).ravel().tolist()


gru = nnx.GRUCell(3, 4, rngs=nnx.Rngs(0))
out["gru_cell_3_4"] = {
    "dense_i/kernel": bits(gru.dense_i.kernel[...]),
    "dense_i/bias": bits(gru.dense_i.bias[...]),
    "dense_h/kernel": bits(gru.dense_h.kernel[...]),
}

x = jnp.arange(1, 25, dtype=jnp.float32).reshape(4, 6)
out["dropout"] = {
    "x": bits(x),
    "rate_0.5_rngs_dropout_3": bits(nnx.Dropout(0.5, rngs=nnx.Rngs(dropout=3))(x)),
    "rate_0.3_broadcast_0_rngs_1": bits(nnx.Dropout(0.3, broadcast_dims=(0,), rngs=nnx.Rngs(1))(x)),
    "rate_0.5_call_rngs_5": bits(nnx.Dropout(0.5)(x, rngs=nnx.Rngs(5))),
}

# BatchNorm in training mode: batch statistics normalise, running statistics move.
xb = jnp.asarray(np.random.default_rng(0).normal(1.0, 2.0, (4, 5, 3)).astype(np.float32))
bn = nnx.BatchNorm(3, momentum=0.9, rngs=nnx.Rngs(0))
bn.scale[...] = jnp.asarray([0.5, 1.5, -1.0], jnp.float32)
bn.bias[...] = jnp.asarray([0.1, -0.2, 0.3], jnp.float32)
y_train = bn(xb)
after = {"mean": bits(bn.mean[...]), "var": bits(bn.var[...])}
bn.eval()
out["batchnorm_train"] = {"x": bits(xb), "y_train": bits(y_train), **after, "y_eval": bits(bn(xb))}

(pathlib.Path(__file__).parent / "flax_nnx.json").write_text(json.dumps(out, indent=1) + "\n")
