"""Refusal cases of the anchor (helper of anchor.py; the leading underscore keeps the driver off it)."""

from __future__ import annotations

import brainstate
import jax
import numpy as np
from brainstate import interop
from flax import nnx

import anchor as A
import fixturelib as fl
import specs


def refusals():
    """(name, source framework, layer case or spec, direction, target framework, kwargs)."""
    r = []

    def add(name, fw, case, target, **kw):
        r.append((name, fw, case, target, kw))

    add("import_nnx_grucell", "nnx", "grucell", "brainstate")
    add("import_linen_grucell", "linen", "grucell", "brainstate")
    add("import_equinox_grucell", "equinox", "grucell", "brainstate")
    add("import_equinox_batchnorm", "equinox", "batchnorm_ema_mode", "brainstate")
    add("import_equinox_sequential_batchnorm", "equinox", "sequential_batchnorm", "brainstate")
    add("import_nnx_conv_input_dilation", "nnx", "conv2d_input_dilation", "brainstate", sample_input=(4, 4, 3))
    add("import_linen_conv_input_dilation", "linen", "conv2d_input_dilation", "brainstate", sample_input=(4, 4, 3))
    add("import_nnx_conv_channel_mismatch", "nnx", "conv2d_same", "brainstate", sample_input=(8, 8, 5))
    add("import_nnx_conv_missing_shape", "nnx", "conv2d_same", "brainstate")
    add("import_nnx_batchnorm_missing_shape", "nnx", "batchnorm_1d", "brainstate")
    add("import_linen_conv_missing_shape", "linen", "conv2d_same", "brainstate")
    add("import_equinox_conv_missing_shape", "equinox", "conv2d_same_no_bias", "brainstate")
    add("import_nnx_conv_circular", "nnx", "conv2d_circular", "brainstate", sample_input=(5, 6, 3))
    add("import_nnx_conv_causal", "nnx", "conv1d_causal", "brainstate", sample_input=(8, 3))
    add("import_equinox_rmsnorm_nonzero_bias", "equinox", "rmsnorm_nonzero_bias", "brainstate")
    add("import_linen_layernorm_no_affine", "linen", "layernorm_no_affine", "brainstate")
    add("import_linen_groupnorm_no_affine", "linen", "groupnorm_no_affine", "brainstate")
    add("import_linen_rmsnorm_no_scale", "linen", "rmsnorm_no_scale", "brainstate")
    add("import_nnx_sequential_activation", "nnx", "sequential_mlp", "brainstate")
    add("import_linen_sequential_activation", "linen", "sequential_mlp", "brainstate")
    add("import_equinox_sequential_lambda", "equinox", "sequential_mlp", "brainstate")
    add("import_nnx_empty_sequential", "nnx", {"type": "Sequential", "layers": []}, "brainstate")
    for fw in ("nnx", "linen", "equinox"):
        add(f"export_{fw}_grucell", "brainstate", "grucell", fw)
    for cell in ("valinarnncell", "mgucell", "urlstmcell"):
        add(f"export_nnx_{cell}", "brainstate", cell, "nnx")
    add("export_equinox_batchnorm1d", "brainstate", "batchnorm1d", "equinox")
    add("export_equinox_conv_lhs_dilation", "brainstate", "conv2d_lhs_dilation", "equinox")
    add("export_nnx_sequential_activation", "brainstate", "sequential_mlp_dropout", "nnx")
    add("export_nnx_empty_sequential", "brainstate", {"type": "Sequential", "layers": []}, "nnx")
    return r


def convert(fw, handle, target, kw):
    if fw == "nnx":
        return interop.from_nnx(handle, **kw)
    if fw == "linen":
        return interop.from_linen(handle[0], handle[1], **kw)
    if fw == "equinox":
        return interop.from_equinox(handle, **kw)
    if target == "nnx":
        return interop.to_nnx(handle)
    if target == "linen":
        return interop.to_linen(handle)
    return interop.to_equinox(handle, key=jax.random.PRNGKey(0))


def build_empty(fw, spec):
    if fw == "nnx":
        return nnx.Sequential()
    return brainstate.nn.Sequential.__new__(brainstate.nn.Sequential)


def generate(w, n: int) -> None:
    for name, fw, src, target, kw in refusals():
        n += 1
        rng = np.random.default_rng(7000 + n)
        if isinstance(src, dict):
            c = {"spec": src, "layer": "Sequential", "kind": "forward"}
            handle = empty_sequential(fw)
        else:
            c = A.layer_case(fw, src)
            handle = A.make_source(fw, c, n, rng)
            if fw == "equinox" and c["spec"]["type"] in ("BatchNorm",) or (fw == "equinox" and c.get("kind") == "batchnorm"):
                handle = handle  # model only; state irrelevant for the refusal
        brainstate.random.seed(n)
        try:
            convert(fw, handle, target, kw)
        except Exception as err:  # noqa: BLE001 - the refusal is the fixture
            error = {"class": type(err).__name__, "module": type(err).__module__, "message": str(err),
                     "is_interop_error": isinstance(err, interop.InteropError)}
        else:
            raise SystemExit(f"anchor refusal {name}: {fw} -> {target} did not raise")
        direction = "import" if target == "brainstate" else "export"
        foreign = fw if direction == "import" else target
        case = w.case(f"refuse_{name}", foreign, direction=direction, layer=c["layer"], kind="refusal",
                      spec=c["spec"], source_framework=fw, target_framework=target,
                      source_case=None if isinstance(src, dict) else f"layers_{fw}/{src}",
                      sample_input=list(kw["sample_input"]) if "sample_input" in kw else None, error=error)
        if not isinstance(src, dict):
            suffix, fmt = A.NATIVE[fw]
            case.file("source", f"source.{suffix}", A.native(fw, handle))
            case.set(source={"framework": fw, "format": fmt, "file": "source", **A.index(fw, handle)})
        case.write()


def empty_sequential(fw):
    if fw == "nnx":
        return nnx.Sequential()
    seq = brainstate.nn.Sequential(brainstate.nn.Linear(1, 1))
    seq.layers = []  # brainstate's constructor needs a first layer; the refusal is about an empty one
    return seq
