"""Golden brainstate layers: spec, randomised states (braintools msgpack), input, eval-mode output."""

from __future__ import annotations

import pathlib

import brainstate
import jax.numpy as jnp
import numpy as np

import fixturelib as fl
import specs

FRAMEWORK = "brainstate"
CHECKPOINT = {
    "file": "checkpoint",
    "format": "braintools-msgpack",
    "content": "braintools.file.msgpack_save(path, brainstate.graph.states(model).to_nest()): nested dicts "
    "with str keys (int path parts -> '0', '1'), each State replaced by its value (a dict-valued state "
    "such as Linear.weight = {'weight', 'bias'} adds one level); 'states' lists the flat state paths",
    "restore": "braintools.file.msgpack_load(path, brainstate.graph.states(model).to_nest()) (restores in place)",
}
CELLS = ("LSTMCell", "GRUCell", "ValinaRNNCell", "MGUCell", "URLSTMCell")


def cases():
    f32, bf16, f16 = "float32", "bfloat16", "float16"
    c = []

    def add(name, layer, spec, shape, dtype=f32, acc=1, kind="forward", notes=None):
        c.append(dict(name=name, layer=layer, spec=spec, shape=shape, dtype=dtype, acc=acc, kind=kind, notes=notes))

    lin = {"type": "Linear", "in_size": 3, "out_size": 5}
    add("linear", "Linear", lin, (4, 3), acc=3)
    add("linear_no_bias", "Linear", {**lin, "b_init": None}, (4, 3), acc=3)
    add("linear_bf16", "Linear", lin, (4, 3), bf16, acc=3, notes="states cast to bfloat16 after construction")
    add("linear_f16", "Linear", lin, (4, 3), f16, acc=3, notes="states cast to float16 after construction")
    add("embedding", "Embedding", {"type": "Embedding", "num_embeddings": 7, "embedding_size": 4}, (2, 3), "int32",
        kind="embed")
    c1 = {"type": "Conv1d", "in_size": [8, 3], "out_channels": 5, "kernel_size": 3}
    add("conv1d_same", "Conv1d", {**c1, "b_init": "ZeroInit"}, (2, 8, 3), acc=9)
    add("conv1d_valid_stride", "Conv1d", {**c1, "padding": "VALID", "stride": 2}, (2, 8, 3), acc=9,
        notes="default b_init=None: no bias")
    add("conv1d_causal_pair", "Conv1d", {**c1, "padding": [[4, 0]], "rhs_dilation": 2}, (2, 8, 3), acc=9)
    c2 = {"type": "Conv2d", "in_size": [6, 6, 3], "out_channels": 4, "kernel_size": [3, 3], "b_init": "ZeroInit"}
    add("conv2d_same", "Conv2d", c2, (2, 6, 6, 3), acc=27)
    add("conv2d_valid_no_bias", "Conv2d", {**c2, "padding": "VALID", "b_init": None}, (2, 6, 6, 3), acc=27)
    add("conv2d_explicit_stride", "Conv2d", {**c2, "in_size": [7, 6, 3], "stride": [2, 1],
                                             "padding": [[1, 2], [0, 1]]}, (2, 7, 6, 3), acc=27)
    add("conv2d_int_padding", "Conv2d", {**c2, "padding": 1, "stride": 2}, (1, 6, 6, 3), acc=27)
    add("conv2d_dilation", "Conv2d", {**c2, "in_size": [7, 6, 3], "rhs_dilation": [2, 1]}, (2, 7, 6, 3), acc=27)
    add("conv2d_lhs_dilation", "Conv2d", {**c2, "in_size": [4, 4, 3], "lhs_dilation": [2, 2],
                                          "padding": [[1, 1], [1, 1]]}, (1, 4, 4, 3), acc=27,
        notes="input dilation: exports to nnx/linen as input_dilation, refused by equinox")
    add("conv2d_groups", "Conv2d", {**c2, "in_size": [5, 5, 4], "out_channels": 6, "groups": 2}, (2, 5, 5, 4), acc=18)
    add("conv2d_unbatched", "Conv2d", {**c2, "in_size": [5, 5, 3]}, (5, 5, 3), acc=27)
    add("conv2d_bf16", "Conv2d", {**c2, "in_size": [5, 5, 3]}, (2, 5, 5, 3), bf16, acc=27)
    add("conv3d_same", "Conv3d", {"type": "Conv3d", "in_size": [4, 4, 3, 2], "out_channels": 3,
                                  "kernel_size": [2, 3, 2], "b_init": "ZeroInit"}, (1, 4, 4, 3, 2), acc=24)
    add("conv3d_valid_groups", "Conv3d", {"type": "Conv3d", "in_size": [3, 3, 3, 4], "out_channels": 2,
                                          "kernel_size": 2, "padding": "VALID", "groups": 2}, (2, 3, 3, 3, 4), acc=16)
    ln = {"type": "LayerNorm", "in_size": [6]}
    add("layernorm", "LayerNorm", ln, (4, 6), acc=6)
    add("layernorm_no_scale", "LayerNorm", {**ln, "use_scale": False}, (4, 6), acc=6)
    add("layernorm_no_bias", "LayerNorm", {**ln, "use_bias": False, "epsilon": 1e-3}, (4, 6), acc=6)
    add("layernorm_no_affine", "LayerNorm", {**ln, "use_scale": False, "use_bias": False}, (4, 6), acc=6)
    add("layernorm_bf16", "LayerNorm", ln, (4, 6), bf16, acc=6, notes="output is float32 (brainstate dtype default)")
    rms = {"type": "RMSNorm", "in_size": [6]}
    add("rmsnorm", "RMSNorm", rms, (4, 6), acc=6)
    add("rmsnorm_no_scale", "RMSNorm", {**rms, "use_scale": False, "epsilon": 1e-4}, (4, 6), acc=6)
    gn = {"type": "GroupNorm", "in_size": [8], "num_groups": 2}
    add("groupnorm", "GroupNorm", gn, (4, 8), acc=4)
    add("groupnorm_spatial", "GroupNorm", gn, (2, 3, 3, 8), acc=36, notes="in_size (8,), spatial input")
    add("groupnorm_no_affine", "GroupNorm", {**gn, "use_scale": False, "use_bias": False}, (4, 8), acc=4)
    add("batchnorm0d", "BatchNorm0d", {"type": "BatchNorm0d", "in_size": [3]}, (4, 3))
    add("batchnorm1d", "BatchNorm1d", {"type": "BatchNorm1d", "in_size": [5, 3]}, (2, 5, 3))
    add("batchnorm2d", "BatchNorm2d", {"type": "BatchNorm2d", "in_size": [3, 4, 3], "momentum": 0.9,
                                       "epsilon": 1e-3}, (2, 3, 4, 3))
    add("batchnorm3d", "BatchNorm3d", {"type": "BatchNorm3d", "in_size": [2, 3, 2, 3]}, (1, 2, 3, 2, 3))
    add("batchnorm0d_no_affine", "BatchNorm0d", {"type": "BatchNorm0d", "in_size": [3], "affine": False}, (4, 3))
    add("batchnorm1d_bf16", "BatchNorm1d", {"type": "BatchNorm1d", "in_size": [5, 3]}, (2, 5, 3), bf16, acc=2)
    add("dropout_eval", "Dropout", {"type": "Dropout", "prob": 0.7}, (3, 4), notes="fit=False: identity")
    for cell in CELLS:
        add(cell.lower(), cell, {"type": cell, "num_in": 3, "num_out": 4}, (3, 2, 3), acc=7, kind="cell")
    add("lstmcell_bf16", "LSTMCell", {"type": "LSTMCell", "num_in": 3, "num_out": 4}, (3, 2, 3), bf16, acc=7,
        kind="cell")
    add("sequential_notebook", "Sequential", {"type": "Sequential", "layers": [
        {"type": "Linear", "in_size": 4, "out_size": 8}, {"type": "LayerNorm", "in_size": 8},
        {"type": "Linear", "in_size": 8, "out_size": 2}]}, (3, 4), acc=8)
    add("sequential_mlp_dropout", "Sequential", {"type": "Sequential", "layers": [
        {"type": "Linear", "in_size": 3, "out_size": 6}, {"type": "relu"}, {"type": "Dropout", "prob": 0.5},
        {"type": "RMSNorm", "in_size": 6}, {"type": "Linear", "in_size": 6, "out_size": 2}]}, (4, 3), acc=6)
    add("sequential_conv_bn", "Sequential", {"type": "Sequential", "layers": [
        {"type": "Conv2d", "in_size": [5, 5, 2], "out_channels": 3, "kernel_size": 3, "b_init": "ZeroInit"},
        {"type": "BatchNorm2d", "in_size": [5, 5, 3]}, {"type": "tanh"},
        {"type": "Conv2d", "in_size": [5, 5, 3], "out_channels": 2, "kernel_size": 2, "padding": "VALID"}]},
        (2, 5, 5, 2), acc=18)
    return c


def randomize(model, rng, dtype):
    cast = dtype in ("bfloat16", "float16")
    for path, state in brainstate.graph.states(model).items():
        if isinstance(state, brainstate.HiddenState):
            continue
        value = state.value
        if isinstance(value, dict):
            new = {k: fl.random_like(v, rng) for k, v in value.items()}
        else:
            new = fl.random_like(value, rng, positive=path[-1] == "running_var")
        if cast:
            new = {k: np.asarray(v).astype(fl._np_dtype(dtype)) for k, v in new.items()} if isinstance(new, dict) \
                else np.asarray(new).astype(fl._np_dtype(dtype))
        state.value = {k: jnp.asarray(v) for k, v in new.items()} if isinstance(new, dict) else jnp.asarray(new)


def generate(out: pathlib.Path) -> None:
    writer = fl.CaseWriter(out)
    for i, c in enumerate(cases()):
        rng = np.random.default_rng(4000 + i)
        brainstate.random.seed(i)
        model = specs.build_brainstate(c["spec"])
        dtype = c["dtype"]
        out_dtype = dtype if dtype != "int32" else "float32"
        case = writer.case(c["name"], FRAMEWORK, layer=c["layer"], spec=c["spec"], kind=c["kind"], dtype=out_dtype,
                           tolerance=fl.tolerance(out_dtype, c["acc"]))
        if c["notes"]:
            case.set(notes=c["notes"])
        if c["kind"] == "cell":
            steps, batch, _ = c["shape"]
            model.init_state(batch_size=batch)
        randomize(model, rng, dtype if dtype != "int32" else "float32")
        hidden = {path[-1]: st for path, st in brainstate.graph.states(model).items()
                  if isinstance(st, brainstate.HiddenState)}
        for name in sorted(hidden):
            hidden[name].value = jnp.asarray(fl.rand_input(rng, hidden[name].value.shape, dtype))
        case.file("checkpoint", "msgpack", specs.bst_to_bytes(model))
        case.set(checkpoint=CHECKPOINT, states=specs.bst_state_index(model))
        if c["kind"] == "embed":
            x = rng.integers(0, c["spec"]["num_embeddings"], c["shape"]).astype(np.int32)
        else:
            x = fl.rand_input(rng, c["shape"], dtype)
        case.array("input", x)
        with brainstate.environ.context(fit=False):
            if c["kind"] == "cell":
                for name in sorted(hidden):
                    case.array(f"carry0_{name}", hidden[name].value)
                record = {name: [] for name in hidden}
                ys = []
                for t in range(c["shape"][0]):
                    ys.append(model(jnp.asarray(x[t])))
                    for name in hidden:
                        record[name].append(hidden[name].value)
                for name in sorted(hidden):
                    case.array(f"carry_{name}", jnp.stack(record[name]))
                case.array("output", jnp.stack(ys))
                case.set(call="model.init_state(batch_size=input.shape[1]); hidden states set to carry0_<name> "
                              "(they are in the checkpoint too); with environ.context(fit=False): for t: "
                              "output[t] = model(input[t]); carry_<name>[t] = model.<name>.value")
            else:
                case.array("output", model(jnp.asarray(x)))
                case.set(call="with brainstate.environ.context(fit=False): output = model(input)")
        case.write()
