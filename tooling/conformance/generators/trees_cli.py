"""The files of the "real models" walkthrough (docs/cli.md, docs/guide.md), written by the real
frameworks so that the walkthrough's commands run in `packages/all` tests on exactly what users
have: the Flax Linen example CNN (variables saved with `flax.serialization.to_bytes`) with a
freshly initialised NNX template of the same CNN written as the NNX tutorial writes it, and the
Equinox example CNN (`eqx.tree_serialise_leaves`) with a freshly initialised Linen template of
the same CNN. The models are `live/tree_models.py`'s (12x12x1 inputs, fewer features than the
tutorials), their specs `live/tree_specs.py`'s; sources are randomised, with an input and the
source model's own output.
"""

import pathlib
import sys

import jax.numpy as jnp
import numpy as np

import fixturelib as fl

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "live"))
import tree_models as tm  # noqa: E402
import tree_specs as ts  # noqa: E402

EXT = {"linen": "msgpack", "nnx": "msgpack", "equinox": "eqx"}

# (case, framework, arch, source?): sources carry randomised weights, an input and their output.
CASES = [
    ("linen_cnn", "linen", "cnn_flax", True),
    ("nnx_cnn_template", "nnx", "cnn_flax", False),
    ("equinox_cnn", "equinox", "cnn_eqx", True),
    ("linen_eqx_cnn_template", "linen", "cnn_eqx", False),
]


def generate(out: pathlib.Path) -> None:
    writer = fl.CaseWriter(out)
    for i, (name, framework, arch, source) in enumerate(CASES):
        d = tm.model_def(framework, arch)
        rng = np.random.default_rng(7000 + i)
        model = d.build(i)
        if source:
            model = d.randomise(model, rng)
        case = writer.case(name, framework, layer="Module", arch=arch, spec=ts.spec_of(framework, arch), kind="tree",
                           role="source" if source else "template", dtype="float32", tolerance=fl.tolerance("float32", 192))
        case.file("checkpoint", EXT[framework], d.save(model))
        if source:
            x = fl.rand_input(rng, (2, *tm.INPUT[arch]))
            case.array("input", x)
            case.array("output", np.asarray(d.run(model, jnp.asarray(x))))
        case.write()
