"""Golden equinox layers: spec, randomised leaves (tree_serialise_leaves), per-example and vmapped calls."""

from __future__ import annotations

import pathlib

import equinox as eqx
import jax
import jax.numpy as jnp
import numpy as np

import fixturelib as fl
import specs

FRAMEWORK = "equinox"
BATCH = 3


def checkpoint_meta(stateful: bool) -> dict:
    target = "(model, state)" if stateful else "model"
    return {
        "file": "checkpoint",
        "format": "equinox-leaves",
        "content": f"eqx.tree_serialise_leaves(file, {target}): one .npy record per array-like leaf, in "
        "jax.tree_util.tree_flatten_with_path order; 'leaves' lists them",
        "restore": f"eqx.tree_deserialise_leaves(file, like) with like = {target} built from the spec"
        + (" via eqx.nn.make_with_state" if stateful else ""),
    }


def cases():
    f32, bf16, f16 = "float32", "bfloat16", "float16"
    c = []

    def add(name, layer, spec, shape, dtype=f32, acc=1, kind="forward", notes=None, zero=()):
        c.append(dict(name=name, layer=layer, spec=spec, shape=shape, dtype=dtype, acc=acc, kind=kind, notes=notes,
                      zero=zero))

    lin = {"type": "Linear", "in_features": 3, "out_features": 5}
    add("linear", "Linear", lin, (3,), acc=3)
    add("linear_no_bias", "Linear", {**lin, "use_bias": False}, (3,), acc=3)
    add("linear_bf16", "Linear", {**lin, "dtype": bf16}, (3,), bf16, acc=3)
    add("linear_f16", "Linear", {**lin, "dtype": f16}, (3,), f16, acc=3)
    add("embedding", "Embedding", {"type": "Embedding", "num_embeddings": 7, "embedding_size": 4}, (), "int32",
        kind="embed", notes="per-example input is a scalar index")
    c2 = {"type": "Conv2d", "in_channels": 3, "out_channels": 4, "kernel_size": [3, 3]}
    add("conv2d_default", "Conv2d", c2, (3, 6, 6), acc=27, notes="equinox default padding 0 (VALID)")
    add("conv2d_same_no_bias", "Conv2d", {**c2, "padding": "SAME", "use_bias": False}, (3, 6, 6), acc=27)
    add("conv2d_same_lower", "Conv2d", {**c2, "kernel_size": [4, 4], "padding": "SAME_LOWER"}, (3, 6, 6), acc=48)
    add("conv2d_explicit_stride", "Conv2d", {**c2, "stride": [2, 1], "padding": [[1, 2], [0, 1]]}, (3, 7, 6), acc=27)
    add("conv2d_int_padding_dilation", "Conv2d", {**c2, "padding": 1, "dilation": [2, 1]}, (3, 7, 6), acc=27)
    add("conv2d_groups", "Conv2d", {"type": "Conv2d", "in_channels": 4, "out_channels": 6, "kernel_size": 3,
                                    "padding": "SAME", "groups": 2}, (4, 5, 5), acc=18)
    add("conv2d_reflect", "Conv2d", {**c2, "padding": 1, "padding_mode": "REFLECT"}, (3, 5, 6), acc=27)
    add("conv2d_circular", "Conv2d", {**c2, "padding": 1, "padding_mode": "CIRCULAR"}, (3, 5, 6), acc=27)
    add("conv2d_replicate", "Conv2d", {**c2, "padding": "SAME", "padding_mode": "REPLICATE"}, (3, 5, 6), acc=27)
    add("conv2d_bf16", "Conv2d", {**c2, "padding": "SAME", "dtype": bf16}, (3, 5, 5), bf16, acc=27)
    add("conv2d_f16", "Conv2d", {**c2, "padding": "SAME", "dtype": f16}, (3, 5, 5), f16, acc=27)
    c1 = {"type": "Conv1d", "in_channels": 3, "out_channels": 5, "kernel_size": 3}
    add("conv1d_same", "Conv1d", {**c1, "padding": "SAME"}, (3, 8), acc=9)
    add("conv1d_causal_pairs", "Conv1d", {**c1, "padding": [[4, 0]], "dilation": 2}, (3, 8), acc=9,
        notes="causal padding written as an explicit pair")
    add("conv1d_valid_stride", "Conv1d", {**c1, "stride": 2}, (3, 9), acc=9)
    add("conv3d_same", "Conv3d", {"type": "Conv3d", "in_channels": 2, "out_channels": 3, "kernel_size": [2, 3, 2],
                                  "padding": "SAME"}, (2, 4, 4, 3), acc=24)
    add("conv3d_valid_groups", "Conv3d", {"type": "Conv3d", "in_channels": 4, "out_channels": 2, "kernel_size": 2,
                                          "groups": 2}, (4, 3, 3, 3), acc=16)
    ln = {"type": "LayerNorm", "shape": [6]}
    add("layernorm", "LayerNorm", ln, (6,), acc=6)
    add("layernorm_no_weight", "LayerNorm", {**ln, "use_weight": False}, (6,), acc=6)
    add("layernorm_no_bias", "LayerNorm", {**ln, "use_bias": False, "eps": 1e-3}, (6,), acc=6)
    add("layernorm_no_affine", "LayerNorm", {**ln, "use_weight": False, "use_bias": False}, (6,), acc=6)
    add("layernorm_2d_shape", "LayerNorm", {"type": "LayerNorm", "shape": [2, 3]}, (2, 3), acc=6,
        notes="statistics over the whole (2, 3) example")
    add("layernorm_bf16", "LayerNorm", {**ln, "dtype": bf16}, (6,), bf16, acc=6)
    rms = {"type": "RMSNorm", "shape": [6]}
    add("rmsnorm_nonzero_bias", "RMSNorm", rms, (6,), acc=6, notes="default use_bias=True with a random bias")
    add("rmsnorm_zero_bias", "RMSNorm", rms, (6,), acc=6, zero=("bias",), notes="bias left at zeros")
    add("rmsnorm_no_bias", "RMSNorm", {**rms, "use_bias": False}, (6,), acc=6)
    add("rmsnorm_no_affine", "RMSNorm", {**rms, "use_weight": False, "use_bias": False, "eps": 1e-4}, (6,), acc=6)
    gn = {"type": "GroupNorm", "groups": 2, "channels": 8}
    add("groupnorm", "GroupNorm", gn, (8,), acc=4)
    add("groupnorm_spatial", "GroupNorm", gn, (8, 3, 3), acc=36, notes="channels first")
    add("groupnorm_no_affine", "GroupNorm", {**gn, "channelwise_affine": False}, (8,), acc=4)
    bn = {"type": "BatchNorm", "input_size": 3, "axis_name": "batch", "inference": True}
    add("batchnorm_batch_mode", "BatchNorm", {**bn, "mode": "batch"}, (3,), acc=1, kind="batchnorm",
        notes="batch mode, batch_counter 3: inference divides the stored statistics by 1 - momentum**3")
    add("batchnorm_ema_mode", "BatchNorm", {**bn, "mode": "ema"}, (3, 4), acc=1, kind="batchnorm",
        notes="ema mode, first_time False: inference uses the stored statistics")
    add("batchnorm_no_affine", "BatchNorm", {**bn, "mode": "ema", "channelwise_affine": False, "eps": 1e-3},
        (3, 2, 2), acc=1, kind="batchnorm")
    add("dropout_inference", "Dropout", {"type": "Dropout", "p": 0.3, "inference": True}, (4,),
        notes="inference: identity")
    add("lstmcell", "LSTMCell", {"type": "LSTMCell", "input_size": 3, "hidden_size": 4}, (3, 3), acc=7, kind="lstm")
    add("lstmcell_bf16", "LSTMCell", {"type": "LSTMCell", "input_size": 3, "hidden_size": 4, "dtype": bf16}, (3, 3),
        bf16, acc=7, kind="lstm")
    add("grucell", "GRUCell", {"type": "GRUCell", "input_size": 3, "hidden_size": 4}, (3, 3), acc=7, kind="gru")
    add("sequential_mlp", "Sequential", {"type": "Sequential", "layers": [
        {"type": "Linear", "in_features": 3, "out_features": 6}, {"type": "Lambda", "fn": "relu"},
        {"type": "LayerNorm", "shape": [6]}, {"type": "Linear", "in_features": 6, "out_features": 2}]}, (3,), acc=6)
    add("sequential_notebook", "Sequential", {"type": "Sequential", "layers": [
        {"type": "Linear", "in_features": 4, "out_features": 8}, {"type": "LayerNorm", "shape": [8]},
        {"type": "Linear", "in_features": 8, "out_features": 2}]}, (4,), acc=8)
    add("sequential_conv_dropout", "Sequential", {"type": "Sequential", "layers": [
        {"type": "Conv2d", "in_channels": 2, "out_channels": 3, "kernel_size": 3, "padding": "SAME"},
        {"type": "Lambda", "fn": "tanh"}, {"type": "Dropout", "p": 0.5, "inference": True},
        {"type": "Conv2d", "in_channels": 3, "out_channels": 2, "kernel_size": 2}]}, (2, 5, 5), acc=27)
    add("sequential_batchnorm", "Sequential", {"type": "Sequential", "layers": [
        {"type": "Linear", "in_features": 3, "out_features": 4},
        {"type": "BatchNorm", "input_size": 4, "axis_name": "batch", "inference": True, "mode": "ema"},
        {"type": "Lambda", "fn": "gelu"}, {"type": "Linear", "in_features": 4, "out_features": 2}]}, (3,), acc=4,
        kind="batchnorm", notes="stateful Sequential: called as model(x, state)")
    return c


def randomize(model, rng, zero=()):
    params, static = eqx.partition(model, eqx.is_inexact_array)
    leaves, treedef = jax.tree_util.tree_flatten_with_path(params)
    new = []
    for path, leaf in leaves:
        name = jax.tree_util.keystr(path)
        if any(name.endswith("." + z) for z in zero):
            new.append(leaf)
        else:
            new.append(jnp.asarray(fl.random_like(leaf, rng)))
    return eqx.combine(jax.tree_util.tree_unflatten(treedef, new), static)


def randomize_bn_state(model, state, rng):
    layers = model.layers if isinstance(model, eqx.nn.Sequential) else (model,)
    for layer in layers:
        if not isinstance(layer, eqx.nn.BatchNorm):
            continue
        size = layer.input_size
        mean = jnp.asarray(fl.random_like(np.zeros(size, np.float32), rng))
        var = jnp.asarray(fl.random_like(np.zeros(size, np.float32), rng, positive=True))
        if layer.mode == "batch":
            state = state.set(layer.batch_state_index, (mean, var))
            state = state.set(layer.batch_counter, jnp.asarray(3))  # weak int32, like the init value
        else:
            state = state.set(layer.ema_state_index, (mean, var))
            state = state.set(layer.ema_first_time_index, jnp.array(False))
    return state


def generate(out: pathlib.Path) -> None:
    writer = fl.CaseWriter(out)
    for i, c in enumerate(cases()):
        rng = np.random.default_rng(3000 + i)
        model, state = specs.build_equinox(c["spec"], seed=i)
        model = randomize(model, rng, c["zero"])
        if state is not None:
            state = randomize_bn_state(model, state, rng)
        tree = (model, state) if state is not None else model
        out_dtype = c["dtype"] if c["dtype"] != "int32" else "float32"
        case = writer.case(c["name"], FRAMEWORK, layer=c["layer"], spec=c["spec"], kind=c["kind"], dtype=out_dtype,
                           tolerance=fl.tolerance(out_dtype, c["acc"]))
        if c["notes"]:
            case.set(notes=c["notes"])
        case.file("checkpoint", "eqx", specs.eqx_to_bytes(tree))
        case.set(checkpoint=checkpoint_meta(state is not None), leaves=specs.eqx_leaf_index(tree))
        if c["kind"] in ("lstm", "gru"):
            record_cell(case, model, c, rng)
        else:
            record_forward(case, model, state, c, rng)
        case.write()


def record_forward(case, model, state, c, rng):
    if c["kind"] == "embed":
        n = c["spec"]["num_embeddings"]
        x = np.int32(rng.integers(0, n))
        xb = rng.integers(0, n, (BATCH,)).astype(np.int32)
        x = np.asarray(x, np.int32)
    else:
        x = fl.rand_input(rng, c["shape"], c["dtype"])
        xb = fl.rand_input(rng, (BATCH, *c["shape"]), c["dtype"])
    case.array("input", x)
    case.array("batch_input", xb)
    if state is not None:
        y, _ = model(jnp.asarray(x), state)
        yb, _ = jax.vmap(model, axis_name="batch", in_axes=(0, None), out_axes=(0, None))(jnp.asarray(xb), state)
        case.set(call="output, _ = model(input, state); batch_output, _ = jax.vmap(model, axis_name='batch', "
                      "in_axes=(0, None), out_axes=(0, None))(batch_input, state)")
    else:
        y = model(jnp.asarray(x))
        yb = jax.vmap(model)(jnp.asarray(xb))
        case.set(call="output = model(input); batch_output = jax.vmap(model)(batch_input)")
    case.array("output", y)
    case.array("batch_output", yb)


def record_cell(case, model, c, rng):
    steps, _ = c["shape"]
    hidden = c["spec"]["hidden_size"]
    dtype = c["dtype"]
    x = fl.rand_input(rng, (steps, BATCH, c["shape"][1]), dtype)
    h0 = fl.rand_input(rng, (BATCH, hidden), dtype)
    c0 = fl.rand_input(rng, (BATCH, hidden), dtype)
    lstm = c["kind"] == "lstm"
    for prefix, xs, h, cc, call in (("", x[:, 0], h0[0], c0[0], model), ("batch_", x, h0, c0, jax.vmap(model))):
        case.array(prefix + "input", xs)
        case.array(prefix + "carry0_h", h)
        if lstm:
            case.array(prefix + "carry0_c", cc)
        hs, cs = [], []
        carry = (jnp.asarray(h), jnp.asarray(cc)) if lstm else jnp.asarray(h)
        for t in range(steps):
            carry = call(jnp.asarray(xs[t]), carry)
            if lstm:
                hs.append(carry[0]), cs.append(carry[1])
            else:
                hs.append(carry)
        case.array(prefix + "carry_h", jnp.stack(hs))
        if lstm:
            case.array(prefix + "carry_c", jnp.stack(cs))
        case.array(prefix + "output", jnp.stack(hs))
    case.set(call="carry = (carry0_h, carry0_c) for LSTM (h first), carry0_h for GRU; for t: carry = model(input[t], "
                  "carry); carry_h[t] = output[t], carry_c[t]. batch_* are the same with jax.vmap(model) over axis 0 "
                  "of batch_input[t] and the carries")
