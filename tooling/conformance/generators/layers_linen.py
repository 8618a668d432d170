"""Golden flax.linen layers: spec, randomised variables (flax.serialization.to_bytes), input, output."""

from __future__ import annotations

import pathlib

import jax
import jax.numpy as jnp
import numpy as np

import fixturelib as fl
import specs

FRAMEWORK = "linen"
CHECKPOINT = {
    "file": "checkpoint",
    "format": "flax-msgpack",
    "content": "flax.serialization.to_bytes(variables) where variables = module.init(...) with every float "
    "leaf replaced (key order = init's creation order: kernel before bias, scale before bias; "
    "collections 'params' then 'batch_stats')",
    "restore": "flax.serialization.from_bytes(module.init(key, *init_args), data)",
}


def cases():
    f32, bf16, f16 = "float32", "bfloat16", "float16"
    c = []

    def add(name, layer, spec, shape, dtype=f32, acc=1, kind="forward", notes=None):
        c.append(dict(name=name, layer=layer, spec=spec, shape=shape, dtype=dtype, acc=acc, kind=kind, notes=notes))

    dense = {"type": "Dense", "features": 5}
    add("dense", "Dense", dense, (4, 3), acc=3)
    add("dense_no_bias", "Dense", {**dense, "use_bias": False}, (4, 3), acc=3)
    add("dense_bf16", "Dense", {**dense, "param_dtype": bf16}, (4, 3), bf16, acc=3)
    add("dense_f16", "Dense", {**dense, "param_dtype": f16}, (4, 3), f16, acc=3)
    add("dense_batch_dims", "Dense", dense, (2, 3, 3), acc=3)
    emb = {"type": "Embed", "num_embeddings": 7, "features": 4}
    add("embed", "Embed", emb, (2, 3), "int32", kind="embed")
    add("embed_bf16", "Embed", {**emb, "param_dtype": bf16}, (5,), "int32", kind="embed")
    conv2 = {"type": "Conv", "features": 4, "kernel_size": [3, 3]}
    add("conv2d_same", "Conv", conv2, (2, 6, 6, 3), acc=27)
    add("conv2d_valid_no_bias", "Conv", {**conv2, "padding": "VALID", "use_bias": False}, (2, 6, 6, 3), acc=27)
    add("conv2d_explicit_stride", "Conv", {**conv2, "strides": [2, 1], "padding": [[1, 2], [0, 1]]}, (2, 7, 6, 3), acc=27)
    add("conv2d_int_padding", "Conv", {**conv2, "padding": 1, "strides": 2}, (1, 6, 5, 3), acc=27)
    add("conv2d_dilation", "Conv", {**conv2, "kernel_dilation": [2, 1]}, (2, 7, 6, 3), acc=27)
    add("conv2d_groups", "Conv", {"type": "Conv", "features": 6, "kernel_size": [3, 3], "feature_group_count": 2},
        (2, 5, 5, 4), acc=18)
    add("conv2d_circular", "Conv", {**conv2, "padding": "CIRCULAR"}, (1, 5, 6, 3), acc=27)
    add("conv2d_reflect", "Conv", {**conv2, "padding": "REFLECT"}, (1, 5, 6, 3), acc=27)
    add("conv2d_same_lower", "Conv", {**conv2, "kernel_size": [4, 4], "padding": "SAME_LOWER"}, (1, 6, 6, 3), acc=48)
    add("conv2d_input_dilation", "Conv", {**conv2, "input_dilation": [2, 2], "padding": [[1, 1], [1, 1]]},
        (1, 4, 4, 3), acc=27, notes="transposed-style conv; brainstate.interop refuses to import it")
    add("conv2d_bf16", "Conv", {**conv2, "param_dtype": bf16}, (2, 5, 5, 3), bf16, acc=27)
    add("conv2d_f16", "Conv", {**conv2, "param_dtype": f16}, (2, 5, 5, 3), f16, acc=27)
    conv1 = {"type": "Conv", "features": 5, "kernel_size": [3]}
    add("conv1d_same", "Conv", conv1, (2, 8, 3), acc=9)
    add("conv1d_causal", "Conv", {**conv1, "padding": "CAUSAL", "kernel_dilation": 2}, (2, 8, 3), acc=9)
    add("conv1d_valid_stride", "Conv", {**conv1, "padding": "VALID", "strides": 2}, (2, 9, 3), acc=9)
    add("conv3d_same", "Conv", {"type": "Conv", "features": 3, "kernel_size": [2, 3, 2]}, (1, 4, 4, 3, 2), acc=24)
    add("conv3d_valid_groups", "Conv", {"type": "Conv", "features": 2, "kernel_size": [2, 2, 2], "padding": "VALID",
                                        "feature_group_count": 2}, (2, 3, 3, 3, 4), acc=16)
    ln = {"type": "LayerNorm"}
    add("layernorm", "LayerNorm", ln, (4, 6), acc=6)
    add("layernorm_no_scale", "LayerNorm", {**ln, "use_scale": False}, (4, 6), acc=6)
    add("layernorm_no_bias", "LayerNorm", {**ln, "use_bias": False, "epsilon": 1e-3}, (4, 6), acc=6)
    add("layernorm_no_affine", "LayerNorm", {**ln, "use_scale": False, "use_bias": False}, (4, 6), acc=6)
    add("layernorm_bf16", "LayerNorm", {**ln, "param_dtype": bf16}, (4, 6), bf16, acc=6)
    add("rmsnorm", "RMSNorm", {"type": "RMSNorm"}, (4, 6), acc=6)
    add("rmsnorm_no_scale", "RMSNorm", {"type": "RMSNorm", "use_scale": False, "epsilon": 1e-4}, (4, 6), acc=6)
    add("rmsnorm_f16", "RMSNorm", {"type": "RMSNorm", "param_dtype": f16}, (4, 6), f16, acc=6)
    gn = {"type": "GroupNorm", "num_groups": 2}
    add("groupnorm", "GroupNorm", gn, (4, 8), acc=4)
    add("groupnorm_spatial", "GroupNorm", gn, (2, 3, 3, 8), acc=36)
    add("groupnorm_group_size", "GroupNorm", {"type": "GroupNorm", "num_groups": None, "group_size": 4}, (3, 12), acc=4)
    add("groupnorm_no_affine", "GroupNorm", {**gn, "use_scale": False, "use_bias": False}, (4, 8), acc=4)
    add("groupnorm_bf16", "GroupNorm", {**gn, "param_dtype": bf16}, (4, 8), bf16, acc=4)
    bn = {"type": "BatchNorm", "use_running_average": True}
    add("batchnorm_0d", "BatchNorm", bn, (4, 3))
    add("batchnorm_1d", "BatchNorm", bn, (2, 5, 3))
    add("batchnorm_2d", "BatchNorm", {**bn, "momentum": 0.9, "epsilon": 1e-3}, (2, 3, 4, 3))
    add("batchnorm_3d", "BatchNorm", bn, (1, 2, 3, 2, 3))
    add("batchnorm_bias_only", "BatchNorm", {**bn, "use_scale": False}, (4, 3))
    add("batchnorm_scale_only", "BatchNorm", {**bn, "use_bias": False}, (4, 3))
    add("batchnorm_bf16", "BatchNorm", {**bn, "dtype": bf16, "param_dtype": bf16}, (4, 3), bf16, acc=2)
    add("dropout_deterministic", "Dropout", {"type": "Dropout", "rate": 0.3, "deterministic": True}, (3, 4),
        notes="eval mode: identity; no variables (checkpoint is an empty map)")
    add("lstmcell", "LSTMCell", {"type": "LSTMCell", "features": 4}, (3, 2, 3), acc=7, kind="lstm")
    add("lstmcell_bf16", "LSTMCell", {"type": "LSTMCell", "features": 4, "dtype": bf16, "param_dtype": bf16},
        (3, 2, 3), bf16, acc=7, kind="lstm")
    add("grucell", "GRUCell", {"type": "GRUCell", "features": 4}, (3, 2, 3), acc=7, kind="gru")
    add("sequential_mlp", "Sequential", {"type": "Sequential", "layers": [
        {"type": "Dense", "features": 6}, {"type": "relu"}, {"type": "LayerNorm"}, {"type": "Dense", "features": 2}]},
        (4, 3), acc=6, notes="param keys layers_0, layers_2, layers_3 (the index counts the activation)")
    add("sequential_notebook", "Sequential", {"type": "Sequential", "layers": [
        {"type": "Dense", "features": 8}, {"type": "LayerNorm"}, {"type": "Dense", "features": 2}]}, (3, 4), acc=8)
    add("sequential_conv_bn_dropout", "Sequential", {"type": "Sequential", "layers": [
        {"type": "Conv", "features": 3, "kernel_size": [3, 3]}, {"type": "BatchNorm", "use_running_average": True},
        {"type": "tanh"}, {"type": "Dropout", "rate": 0.5, "deterministic": True},
        {"type": "Conv", "features": 2, "kernel_size": [2, 2], "padding": "VALID"}]}, (2, 5, 5, 2), acc=18)
    add("sequential_nested", "Sequential", {"type": "Sequential", "layers": [
        {"type": "Sequential", "layers": [{"type": "Dense", "features": 4}, {"type": "gelu"}]},
        {"type": "RMSNorm"}, {"type": "Dense", "features": 2}]}, (2, 3), acc=4)
    return c


def map_tree(tree, fn):
    if isinstance(tree, dict):
        return {k: map_tree(v, fn) for k, v in tree.items()}
    return fn(tree)


def generate(out: pathlib.Path) -> None:
    writer = fl.CaseWriter(out)
    for i, c in enumerate(cases()):
        rng = np.random.default_rng(2000 + i)
        module = specs.build_linen(c["spec"])
        key = jax.random.key(i)
        dtype = c["dtype"]
        out_dtype = dtype
        if c["kind"] == "embed":
            x = rng.integers(0, c["spec"]["num_embeddings"], c["shape"]).astype(np.int32)
            init_args = (jnp.asarray(x),)
            out_dtype = c["spec"].get("param_dtype", "float32")
        elif c["kind"] in ("lstm", "gru"):
            x = fl.rand_input(rng, c["shape"], dtype)
            batch, hidden = c["shape"][1], c["spec"]["features"]
            carry0 = tuple(jnp.asarray(fl.rand_input(rng, (batch, hidden), dtype)) for _ in range(2 if c["kind"] == "lstm" else 1))
            carry = carry0 if c["kind"] == "lstm" else carry0[0]
            init_args = (carry, jnp.asarray(x[0]))
        else:
            x = fl.rand_input(rng, c["shape"], dtype)
            init_args = (jnp.asarray(x),)
        if c["kind"] == "lstm" and c["spec"].get("param_dtype") == "bfloat16":
            # lax's orthogonal init (QR) has no bfloat16 kernel on CPU: init in float32, then cast.
            f32_module = specs.build_linen({**c["spec"], "param_dtype": "float32"})
            variables = jax.tree_util.tree_map(lambda a: a.astype(jnp.bfloat16), f32_module.init(key, *init_args))
        else:
            variables = module.init(key, *init_args)
        variables = map_tree(fl.randomize_tree(dict(variables), rng), jnp.asarray)
        case = writer.case(c["name"], FRAMEWORK, layer=c["layer"], spec=c["spec"], kind=c["kind"], dtype=out_dtype,
                           tolerance=fl.tolerance(out_dtype, c["acc"]))
        if c["notes"]:
            case.set(notes=c["notes"])
        case.file("checkpoint", "msgpack", specs.linen_to_bytes(variables))
        case.set(checkpoint=CHECKPOINT, params=fl.param_index(variables))
        case.array("input", x)
        if c["kind"] in ("lstm", "gru"):
            if c["kind"] == "lstm":
                case.array("carry0_c", carry[0])
                case.array("carry0_h", carry[1])
            else:
                case.array("carry0_h", carry)
            cs, hs, ys = [], [], []
            for t in range(c["shape"][0]):
                carry, y = module.apply(variables, carry, jnp.asarray(x[t]))
                if c["kind"] == "lstm":
                    cs.append(carry[0]), hs.append(carry[1])
                else:
                    hs.append(carry)
                ys.append(y)
            if cs:
                case.array("carry_c", jnp.stack(cs))
            case.array("carry_h", jnp.stack(hs))
            case.array("output", jnp.stack(ys))
            case.set(init="module.init(key, carry0, input[0])",
                     call="carry = (carry0_c, carry0_h) for LSTM, carry0_h for GRU; for t: carry, y = "
                          "module.apply(variables, carry, input[t]); record carry_c[t], carry_h[t], output[t] = y")
        else:
            case.array("output", module.apply(variables, jnp.asarray(x)))
            case.set(init="module.init(key, input)", call="module.apply(variables, input)")
        case.write()
