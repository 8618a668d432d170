"""The seed notebook's scenario run in real Python, with every intermediate value recorded.

Order of global-RNG draws follows the notebook: seed(0); supported_layers(); x = randn(3, 4); then
each section builds a fresh model (consuming the global RNG) exactly as the notebook does.
"""

from __future__ import annotations

import pathlib
import sys

import brainstate
import jax
import jax.numpy as jnp
import numpy as np
from brainstate import interop
from flax import nnx

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import fixturelib as fl  # noqa: E402
import specs  # noqa: E402

SPEC = {"type": "Sequential", "layers": [{"type": "Linear", "in_size": 4, "out_size": 8},
                                         {"type": "LayerNorm", "in_size": 8},
                                         {"type": "Linear", "in_size": 8, "out_size": 2}]}


def make_model():
    return brainstate.nn.Sequential(brainstate.nn.Linear(4, 8), brainstate.nn.LayerNorm(8), brainstate.nn.Linear(8, 2))


def record_model(case, prefix, model, x):
    """Each layer's parameters and output, and the model's output."""
    h = x
    for i, layer in enumerate(model.layers):
        for path, state in brainstate.graph.states(layer).items():
            value = state.value
            for k, v in (value.items() if isinstance(value, dict) else [(None, value)]):
                case.array(f"{prefix}layers.{i}.{'.'.join(map(str, path))}{'.' + k if k else ''}", v)
        h = layer(h)
        case.array(f"{prefix}layers.{i}.output", h)
    return h


def generate(out: pathlib.Path) -> None:
    w = fl.CaseWriter(out)
    brainstate.random.seed(0)
    layers = interop.supported_layers()
    printed = [f"{fw:8} : {', '.join(names)}" for fw, names in layers.items()]
    x = brainstate.random.randn(3, 4)

    case = w.case("notebook", "brainstate", spec=SPEC, dtype="float32", tolerance=fl.tolerance("float32", 8),
                  supported_layers=layers, supported_layers_printed=printed,
                  rng={"seed": 0, "draws": "seed(0); supported_layers() draws nothing; x = randn(3, 4); each "
                       "section: model = make_model() (Linear, LayerNorm, Linear constructors draw default inits)"})
    case.array("x", x)
    results = {}
    for section, fw in (("nnx", "nnx"), ("linen", "linen"), ("equinox", "equinox")):
        model = make_model()
        reference = record_model(case, f"{section}.model.", model, x)
        case.array(f"{section}.reference", reference)
        case.file(f"{section}.model", f"{section}.model.msgpack", specs.bst_to_bytes(model))
        if fw == "nnx":
            foreign = interop.to_nnx(model, rngs=nnx.Rngs(0))
            y = foreign(x)
            case.file("nnx.converted", "nnx.converted.msgpack", specs.nnx_to_bytes(foreign))
            back = interop.from_nnx(foreign)
        elif fw == "linen":
            module, params = interop.to_linen(model)
            y = module.apply(params, x)
            case.file("linen.converted", "linen.converted.msgpack", specs.linen_to_bytes(params))
            back = interop.from_linen(module, params)
        else:
            foreign = interop.to_equinox(model, key=jax.random.PRNGKey(0))
            y = jax.vmap(foreign)(x)
            case.file("equinox.converted", "equinox.converted.eqx", specs.eqx_to_bytes(foreign))
            back = interop.from_equinox(foreign)
        z = back(x)
        case.array(f"{section}.converted_output", y)
        case.array(f"{section}.back_output", z)
        case.file(f"{section}.back", f"{section}.back.msgpack", specs.bst_to_bytes(back))
        results[section] = {
            f"to_{fw}_matches": bool(jnp.allclose(reference, y, atol=1e-5)),
            f"from_{fw}_matches": bool(jnp.allclose(reference, z, atol=1e-5)),
        }
    conv = nnx.Conv(in_features=3, out_features=4, kernel_size=(3, 3), rngs=nnx.Rngs(0))
    bst_conv = interop.from_nnx(conv, sample_input=(8, 8, 3))
    image = brainstate.random.randn(2, 8, 8, 3)
    conv_out = bst_conv(image)
    case.array("conv.kernel", conv.kernel[...])
    case.array("conv.bias", conv.bias[...])
    case.array("conv.image", image)
    case.array("conv.output", conv_out)
    case.array("conv.nnx_output", conv(image))
    case.file("conv.nnx", "conv.nnx.msgpack", specs.nnx_to_bytes(conv))
    case.file("conv.converted", "conv.converted.msgpack", specs.bst_to_bytes(bst_conv))
    case.set(printed=results, conv={"spec": {"type": "Conv", "in_features": 3, "out_features": 4, "kernel_size": [3, 3]},
                                    "rngs": "nnx.Rngs(0)", "sample_input": [8, 8, 3],
                                    "output_shape": list(conv_out.shape),
                                    "printed": f"converted conv output shape: {tuple(conv_out.shape)}"},
             notes="nnx/linen/equinox sections each start from a fresh make_model(); arrays '<section>.model.*' are "
                   "that model's parameters and per-layer outputs on x; '<section>.converted_output' is the foreign "
                   "model's output, '<section>.back_output' the re-imported brainstate model's output")
    case.write()
    np.random.seed(0)
