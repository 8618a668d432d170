"""Golden flax.nnx layers: spec, randomised parameters (msgpack of the pure state dict), input, output."""

from __future__ import annotations

import pathlib

import jax.numpy as jnp
import numpy as np
from flax import nnx

import fixturelib as fl
import specs

FRAMEWORK = "nnx"
CHECKPOINT = {
    "file": "checkpoint",
    "format": "flax-msgpack",
    "content": "nnx.to_pure_dict(nnx.state(model, nnx.Not(nnx.RngState))) with every dict key k replaced by str(k) "
    "(Sequential layer indices 0, 1 -> '0', '1'), then flax.serialization.msgpack_serialize "
    "(in_place=False, so keys are written in sorted string order)",
    "restore": "nnx.replace_by_pure_dict(nnx.state(model), flax.serialization.msgpack_restore(data)); "
    "nnx.update(model, state) -- replace_by_pure_dict accepts the digit-string keys",
}


def cases():
    """(name, layer, spec, input shape, input dtype, accumulation length, kind)."""
    f32, bf16, f16 = "float32", "bfloat16", "float16"
    c = []

    def add(name, layer, spec, shape, dtype=f32, acc=1, kind="forward", notes=None):
        c.append(dict(name=name, layer=layer, spec=spec, shape=shape, dtype=dtype, acc=acc, kind=kind, notes=notes))

    lin = {"type": "Linear", "in_features": 3, "out_features": 5}
    add("linear", "Linear", lin, (4, 3), acc=3)
    add("linear_no_bias", "Linear", {**lin, "use_bias": False}, (4, 3), acc=3)
    add("linear_bf16", "Linear", {**lin, "dtype": bf16, "param_dtype": bf16}, (4, 3), bf16, acc=3)
    add("linear_f16", "Linear", {**lin, "dtype": f16, "param_dtype": f16}, (4, 3), f16, acc=3)
    add("linear_batch_dims", "Linear", lin, (2, 3, 3), acc=3, notes="two leading batch dims")
    emb = {"type": "Embed", "num_embeddings": 7, "features": 4}
    add("embed", "Embed", emb, (2, 3), "int32", kind="embed")
    add("embed_bf16", "Embed", {**emb, "param_dtype": bf16}, (5,), "int32", kind="embed")
    conv2 = {"type": "Conv", "in_features": 3, "out_features": 4, "kernel_size": [3, 3]}
    add("conv2d_same", "Conv", conv2, (2, 6, 6, 3), acc=27)
    add("conv2d_valid_no_bias", "Conv", {**conv2, "padding": "VALID", "use_bias": False}, (2, 6, 6, 3), acc=27)
    add("conv2d_explicit_stride", "Conv", {**conv2, "strides": [2, 1], "padding": [[1, 2], [0, 1]]}, (2, 7, 6, 3), acc=27)
    add("conv2d_int_padding", "Conv", {**conv2, "padding": 1, "strides": 2}, (1, 6, 5, 3), acc=27)
    add("conv2d_dilation", "Conv", {**conv2, "kernel_dilation": [2, 1]}, (2, 7, 6, 3), acc=27)
    add("conv2d_groups", "Conv", {"type": "Conv", "in_features": 4, "out_features": 6, "kernel_size": [3, 3],
                                  "feature_group_count": 2}, (2, 5, 5, 4), acc=18)
    add("conv2d_circular", "Conv", {**conv2, "padding": "CIRCULAR"}, (1, 5, 6, 3), acc=27)
    add("conv2d_reflect", "Conv", {**conv2, "padding": "REFLECT"}, (1, 5, 6, 3), acc=27)
    add("conv2d_same_lower", "Conv", {**conv2, "kernel_size": [4, 4], "padding": "SAME_LOWER"}, (1, 6, 6, 3), acc=48)
    add("conv2d_input_dilation", "Conv", {**conv2, "input_dilation": [2, 2], "padding": [[1, 1], [1, 1]]},
        (1, 4, 4, 3), acc=27, notes="transposed-style conv; brainstate.interop refuses to import it")
    add("conv2d_unbatched", "Conv", conv2, (5, 5, 3), acc=27, notes="no batch dim: nnx adds and removes one")
    add("conv2d_bf16", "Conv", {**conv2, "dtype": bf16, "param_dtype": bf16}, (2, 5, 5, 3), bf16, acc=27)
    add("conv2d_f16", "Conv", {**conv2, "dtype": f16, "param_dtype": f16}, (2, 5, 5, 3), f16, acc=27)
    conv1 = {"type": "Conv", "in_features": 3, "out_features": 5, "kernel_size": [3]}
    add("conv1d_same", "Conv", conv1, (2, 8, 3), acc=9)
    add("conv1d_causal", "Conv", {**conv1, "padding": "CAUSAL", "kernel_dilation": 2}, (2, 8, 3), acc=9)
    add("conv1d_valid_stride", "Conv", {**conv1, "padding": "VALID", "strides": 2}, (2, 9, 3), acc=9)
    add("conv3d_same", "Conv", {"type": "Conv", "in_features": 2, "out_features": 3, "kernel_size": [2, 3, 2]},
        (1, 4, 4, 3, 2), acc=24)
    add("conv3d_valid_groups", "Conv", {"type": "Conv", "in_features": 4, "out_features": 2, "kernel_size": [2, 2, 2],
                                        "padding": "VALID", "feature_group_count": 2}, (2, 3, 3, 3, 4), acc=16)
    ln = {"type": "LayerNorm", "num_features": 6}
    add("layernorm", "LayerNorm", ln, (4, 6), acc=6)
    add("layernorm_no_scale", "LayerNorm", {**ln, "use_scale": False}, (4, 6), acc=6)
    add("layernorm_no_bias", "LayerNorm", {**ln, "use_bias": False, "epsilon": 1e-3}, (4, 6), acc=6)
    add("layernorm_no_affine", "LayerNorm", {**ln, "use_scale": False, "use_bias": False}, (4, 6), acc=6)
    add("layernorm_bf16", "LayerNorm", {**ln, "param_dtype": bf16}, (4, 6), bf16, acc=6)
    add("layernorm_3d_input", "LayerNorm", ln, (2, 3, 6), acc=6)
    rms = {"type": "RMSNorm", "num_features": 6}
    add("rmsnorm", "RMSNorm", rms, (4, 6), acc=6)
    add("rmsnorm_no_scale", "RMSNorm", {**rms, "use_scale": False, "epsilon": 1e-4}, (4, 6), acc=6)
    add("rmsnorm_f16", "RMSNorm", {**rms, "param_dtype": f16}, (4, 6), f16, acc=6)
    gn = {"type": "GroupNorm", "num_features": 8, "num_groups": 2}
    add("groupnorm", "GroupNorm", gn, (4, 8), acc=4)
    add("groupnorm_spatial", "GroupNorm", gn, (2, 3, 3, 8), acc=36)
    add("groupnorm_group_size", "GroupNorm", {"type": "GroupNorm", "num_features": 8, "num_groups": None,
                                              "group_size": 2}, (3, 8), acc=2)
    add("groupnorm_no_affine", "GroupNorm", {**gn, "use_scale": False, "use_bias": False}, (4, 8), acc=4)
    add("groupnorm_bf16", "GroupNorm", {**gn, "param_dtype": bf16}, (4, 8), bf16, acc=4)
    bn = {"type": "BatchNorm", "num_features": 3, "use_running_average": True}
    add("batchnorm_0d", "BatchNorm", bn, (4, 3), acc=1)
    add("batchnorm_1d", "BatchNorm", bn, (2, 5, 3), acc=1)
    add("batchnorm_2d", "BatchNorm", {**bn, "momentum": 0.9, "epsilon": 1e-3}, (2, 3, 4, 3), acc=1)
    add("batchnorm_3d", "BatchNorm", bn, (1, 2, 3, 2, 3), acc=1)
    add("batchnorm_bias_only", "BatchNorm", {**bn, "use_scale": False}, (4, 3), acc=1)
    add("batchnorm_scale_only", "BatchNorm", {**bn, "use_bias": False}, (4, 3), acc=1)
    add("batchnorm_bf16", "BatchNorm", {**bn, "dtype": bf16, "param_dtype": bf16}, (4, 3), bf16, acc=2)
    add("dropout_deterministic", "Dropout", {"type": "Dropout", "rate": 0.3, "deterministic": True}, (3, 4),
        notes="eval mode: identity")
    lstm = {"type": "LSTMCell", "in_features": 3, "hidden_features": 4}
    add("lstmcell", "LSTMCell", lstm, (3, 2, 3), acc=7, kind="lstm")
    add("lstmcell_bf16", "LSTMCell", {**lstm, "dtype": bf16, "param_dtype": bf16}, (3, 2, 3), bf16, acc=7, kind="lstm")
    add("grucell", "GRUCell", {"type": "GRUCell", "in_features": 3, "hidden_features": 4}, (3, 2, 3), acc=7, kind="gru")
    add("sequential_mlp", "Sequential", {"type": "Sequential", "layers": [
        {"type": "Linear", "in_features": 3, "out_features": 6}, {"type": "relu"},
        {"type": "LayerNorm", "num_features": 6}, {"type": "Linear", "in_features": 6, "out_features": 2}]},
        (4, 3), acc=6)
    add("sequential_notebook", "Sequential", {"type": "Sequential", "layers": [
        {"type": "Linear", "in_features": 4, "out_features": 8}, {"type": "LayerNorm", "num_features": 8},
        {"type": "Linear", "in_features": 8, "out_features": 2}]}, (3, 4), acc=8)
    add("sequential_conv_bn_dropout", "Sequential", {"type": "Sequential", "layers": [
        {"type": "Conv", "in_features": 2, "out_features": 3, "kernel_size": [3, 3]},
        {"type": "BatchNorm", "num_features": 3, "use_running_average": True}, {"type": "tanh"},
        {"type": "Dropout", "rate": 0.5, "deterministic": True},
        {"type": "Conv", "in_features": 3, "out_features": 2, "kernel_size": [2, 2], "padding": "VALID"}]},
        (2, 5, 5, 2), acc=18)
    add("sequential_nested", "Sequential", {"type": "Sequential", "layers": [
        {"type": "Sequential", "layers": [{"type": "Linear", "in_features": 3, "out_features": 4}, {"type": "gelu"}]},
        {"type": "RMSNorm", "num_features": 4}, {"type": "Linear", "in_features": 4, "out_features": 2}]},
        (2, 3), acc=4)
    return c


def randomize(model, rng):
    state = nnx.state(model)
    pure = fl.randomize_tree(nnx.to_pure_dict(state), rng)
    nnx.replace_by_pure_dict(state, jax_tree(pure))
    nnx.update(model, state)


def jax_tree(tree):
    if isinstance(tree, dict):
        return {k: jax_tree(v) for k, v in tree.items()}
    return jnp.asarray(tree)


def generate(out: pathlib.Path) -> None:
    writer = fl.CaseWriter(out)
    for i, c in enumerate(cases()):
        rng = np.random.default_rng(1000 + i)
        model = specs.build_nnx(c["spec"], seed=i)
        randomize(model, rng)
        out_dtype = c["dtype"] if c["dtype"] != "int32" else str(np.asarray(nnx_param_dtype(model)))
        case = writer.case(c["name"], FRAMEWORK, layer=c["layer"], spec=c["spec"], kind=c["kind"],
                           dtype=c["dtype"] if c["dtype"] != "int32" else out_dtype,
                           tolerance=fl.tolerance(out_dtype, c["acc"]))
        if c["notes"]:
            case.set(notes=c["notes"])
        case.file("checkpoint", "msgpack", specs.nnx_to_bytes(model))
        case.set(checkpoint=CHECKPOINT, params=fl.param_index(specs.nnx_pure(model)))
        if c["kind"] == "embed":
            x = rng.integers(0, c["spec"]["num_embeddings"], c["shape"]).astype(np.int32)
            case.array("input", x)
            case.array("output", model(jnp.asarray(x)))
            case.set(call="model(input)")
        elif c["kind"] in ("lstm", "gru"):
            record_cell(case, model, c, rng)
        else:
            x = fl.rand_input(rng, c["shape"], c["dtype"])
            case.array("input", x)
            case.array("output", model(jnp.asarray(x)))
            case.set(call="model(input)")
        case.write()


def nnx_param_dtype(model):
    leaves = [np.asarray(v) for _, v in fl.tree_paths(specs.nnx_pure(model))]
    return leaves[0].dtype if leaves else np.float32


def record_cell(case, model, c, rng):
    steps, batch, _ = c["shape"]
    hidden = c["spec"]["hidden_features"]
    x = fl.rand_input(rng, c["shape"], c["dtype"])
    case.array("input", x)
    if c["kind"] == "lstm":
        carry = (jnp.asarray(fl.rand_input(rng, (batch, hidden), c["dtype"])),
                 jnp.asarray(fl.rand_input(rng, (batch, hidden), c["dtype"])))
        case.array("carry0_c", carry[0])
        case.array("carry0_h", carry[1])
        cs, hs, ys = [], [], []
        for t in range(steps):
            carry, y = model(carry, jnp.asarray(x[t]))
            cs.append(carry[0]), hs.append(carry[1]), ys.append(y)
        case.array("carry_c", jnp.stack(cs))
        case.array("carry_h", jnp.stack(hs))
        case.array("output", jnp.stack(ys))
        case.set(call="carry = (carry0_c, carry0_h); for t: carry, y = model(carry, input[t]); "
                      "carry_c[t], carry_h[t] = carry; output[t] = y")
    else:
        h = jnp.asarray(fl.rand_input(rng, (batch, hidden), c["dtype"]))
        case.array("carry0_h", h)
        hs = []
        for t in range(steps):
            h, _ = model(h, jnp.asarray(x[t]))
            hs.append(h)
        case.array("carry_h", jnp.stack(hs))
        case.array("output", jnp.stack(hs))
        case.set(call="h = carry0_h; for t: h, y = model(h, input[t]); carry_h[t] = output[t] = h")
