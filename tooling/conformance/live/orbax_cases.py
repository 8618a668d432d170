"""Live Orbax conversions (issue 18's Must-hold list), the Python halves around the CLI.

    python orbax_cases.py write DIR    # sources, templates, inputs and reference outputs; DIR/cases.json
    python orbax_cases.py check DIR    # every case's output that the CLI wrote into DIR

Four cases, each with the residual model of tree_models (Conv, BatchNorm, Linear; weights and
batch statistics randomised):

* `nnx_orbax_to_equinox`: the NNX model saved as Flax's guides save it,
  `ocp.StandardCheckpointer().save(DIR/<name>.source.orbax, nnx.state(model))`; the CLI converts
  the directory to Equinox; `check` loads the .eqx into the Equinox class with
  `eqx.tree_deserialise_leaves` and compares its outputs with the NNX model's.
* `linen_orbax_to_equinox`: Linen variables (`{params, batch_stats}`) saved with
  `StandardCheckpointer().save(dir, variables)`, converted to Equinox and checked as above.
* `equinox_to_nnx_orbax`: an Equinox model saved with `eqx.tree_serialise_leaves`; the CLI writes
  an Orbax NNX checkpoint; `check` restores it into the NNX class, onto the abstract state of
  `nnx.eval_shape` (`StandardCheckpointer().restore(dir, abstract_state)`, then `nnx.merge`), or,
  for a checkpoint of pure dicts, restores it without a target and applies it with
  `nnx.replace_by_pure_dict` and `nnx.update`; then compares outputs with the Equinox model's.
* `equinox_to_linen_orbax`: the Equinox model; the CLI writes a Linen Orbax checkpoint
  (`--out-format orbax`, into the tree of a Linen template saved with StandardCheckpointer);
  `check` restores it with `StandardCheckpointer().restore(dir, abstract_variables)` onto
  `jax.eval_shape` of the Linen class's `init` and compares `module.apply` with the Equinox model's
  outputs.

Outputs must match the source's within rtol 1e-5, atol 1e-5. The CLI wiring (phase 2) runs the
`args` of each case (paths relative to DIR, plus `--out OUTPUT`) and writes `output`; `check`
reports a missing output as a failure. run-live.sh runs write, the CLI and check.
"""

from __future__ import annotations

import json
import pathlib
import sys
import traceback

import jax
import jax.numpy as jnp
import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import tree_models as tm  # noqa: E402
import tree_specs as ts  # noqa: E402

ARCH = "res"
TOLERANCE = {"rtol": 1e-5, "atol": 1e-5}


def save_nnx_orbax(model, path: pathlib.Path) -> None:
    import orbax.checkpoint as ocp
    from flax import nnx

    with ocp.StandardCheckpointer() as ckptr:
        ckptr.save(path.resolve(), nnx.state(model))


def save_linen_orbax(variables, path: pathlib.Path) -> None:
    import orbax.checkpoint as ocp

    with ocp.StandardCheckpointer() as ckptr:
        ckptr.save(path.resolve(), variables)


def restore_nnx_orbax(path: pathlib.Path):
    """The NNX class restored from an Orbax directory, and how (State target or pure dict)."""
    import orbax.checkpoint as ocp
    from flax import nnx

    cls = tm.nnx_models()[ARCH]
    graphdef, abstract_state = nnx.split(nnx.eval_shape(lambda: cls(rngs=nnx.Rngs(0))))
    with ocp.StandardCheckpointer() as ckptr:
        raw = ckptr.restore(path.resolve())
        if _has_value_leaves(raw):
            return nnx.merge(graphdef, ckptr.restore(path.resolve(), abstract_state)), "State onto the abstract state, nnx.merge"
    model = tm.NnxDef(ARCH).build(1)
    state = nnx.state(model)
    nnx.replace_by_pure_dict(state, raw)
    nnx.update(model, state)
    return model, "pure dict, nnx.replace_by_pure_dict and nnx.update"


def restore_linen_orbax(path: pathlib.Path):
    """Linen variables restored from an Orbax directory onto the abstract variables of `init`."""
    import orbax.checkpoint as ocp

    d = tm.LinenDef(ARCH)
    abstract = jax.eval_shape(d.cls().init, jax.random.key(0), d._x())
    with ocp.StandardCheckpointer() as ckptr:
        return ckptr.restore(path.resolve(), abstract), "StandardCheckpointer().restore onto eval_shape(init), module.apply"


def _has_value_leaves(tree) -> bool:
    paths = [p for p, _ in jax.tree_util.tree_flatten_with_path(tree)[0]]
    return bool(paths) and all(getattr(p[-1], "key", None) == "value" for p in paths)


class Writer:
    def __init__(self, out: pathlib.Path):
        self.out, self.cases = out, []
        out.mkdir(parents=True, exist_ok=True)

    def json(self, name: str, value) -> str:
        (self.out / name).write_text(json.dumps(value, indent=2) + "\n")
        return name

    def npy(self, name: str, array) -> str:
        np.save(self.out / name, np.asarray(array))
        return name

    def source(self, name: str, framework: str, seed: int) -> dict:
        d = tm.model_def(framework, ARCH)
        rng = np.random.default_rng(seed)
        model = d.randomise(d.build(seed), rng)
        x = jnp.asarray(rng.normal(0.0, 1.0, (2, *tm.INPUT[ARCH])).astype(np.float32))
        if framework == "nnx":
            source = f"{name}.source.orbax"
            save_nnx_orbax(model, self.out / source)
        elif framework == "linen":
            source = f"{name}.source.orbax"
            save_linen_orbax(model, self.out / source)
        else:
            source = f"{name}.source.eqx"
            (self.out / source).write_bytes(d.save(model))
        return {
            "source": source,
            "arch": self.json(f"{name}.source.arch.json", ts.spec_of(framework, ARCH)),
            "input": self.npy(f"{name}.input.npy", x),
            "output": self.npy(f"{name}.output.npy", d.run(model, x)),
        }

    def case(self, name: str, src: str, dst: str, out: str, seed: int, out_format: str | None = None) -> None:
        f = self.source(name, src, seed)
        d = tm.model_def(dst, ARCH)
        if dst == "linen" and out_format == "orbax":
            # The freshly initialised Linen variables saved with StandardCheckpointer: the template
            # gives the output the Python class's names and the Orbax format.
            template = f"{name}.template.orbax"
            save_linen_orbax(d.build(1000), self.out / template)
        elif dst == "nnx":
            # The freshly initialised NNX model as Flax's guides save it: the output takes the
            # template's format (an Orbax directory) and tree.
            template = f"{name}.template.orbax"
            save_nnx_orbax(d.build(1000), self.out / template)
        else:
            template = f"{name}.template.{'eqx' if dst == 'equinox' else 'msgpack'}"
            (self.out / template).write_bytes(d.save(d.build(1000)))
        like_arch = self.json(f"{name}.template.arch.json", ts.spec_of(dst, ARCH))
        args = [f["source"], "--from", src, "--to", dst, "--arch", f["arch"], "--like", template, "--like-arch", like_arch,
                "--sample-input", ",".join(map(str, tm.INPUT[ARCH]))]
        if out_format:
            args += ["--out-format", out_format]
        self.cases.append({"name": name, "from": src, "to": dst, "arch": ARCH, "args": [*args, "--verify"], "output": out,
                           "arrays": {"input": f["input"], "output": f["output"]}})


def write(out: pathlib.Path) -> None:
    w = Writer(out)
    w.case("nnx_orbax_to_equinox", "nnx", "equinox", "nnx_orbax_to_equinox.out.eqx", 0)
    w.case("equinox_to_nnx_orbax", "equinox", "nnx", "equinox_to_nnx_orbax.out.orbax", 1)
    w.case("linen_orbax_to_equinox", "linen", "equinox", "linen_orbax_to_equinox.out.eqx", 2)
    w.case("equinox_to_linen_orbax", "equinox", "linen", "equinox_to_linen_orbax.out.orbax", 3, out_format="orbax")
    w.json("cases.json", w.cases)
    print(f"{len(w.cases)} Orbax cases written to {out}")


def check_case(folder: pathlib.Path, c: dict) -> tuple:
    out = folder / c["output"]
    if not out.exists():
        return (c["name"], "-", "-", f"FAIL no output {c['output']} (run the case's args through interop convert)")
    if c["to"] == "equinox":
        d = tm.model_def("equinox", ARCH)
        model, how = d.load(out.read_bytes()), "eqx.tree_deserialise_leaves into the Equinox class"
    elif c["to"] == "linen":
        d = tm.model_def("linen", ARCH)
        model, how = restore_linen_orbax(out)
    else:
        d = tm.model_def("nnx", ARCH)
        model, how = restore_nnx_orbax(out)
    x = jnp.asarray(np.load(folder / c["arrays"]["input"]))
    expected = np.load(folder / c["arrays"]["output"]).astype(np.float64)
    got = np.asarray(d.run(model, x), np.float64)
    if got.shape != expected.shape:
        return (c["name"], how, "-", f"FAIL shape {got.shape} vs {expected.shape}")
    err = float(np.max(np.abs(got - expected)))
    ok = bool(np.all(np.abs(got - expected) <= TOLERANCE["atol"] + TOLERANCE["rtol"] * np.abs(expected)))
    return (c["name"], how, f"{err:.3g}", "pass" if ok else "FAIL")


def check(folder: pathlib.Path) -> int:
    rows = []
    for c in json.loads((folder / "cases.json").read_text()):
        try:
            rows.append(check_case(folder, c))
        except Exception as err:  # noqa: BLE001 - reported in the table
            traceback.print_exc(file=sys.stderr)
            rows.append((c["name"], "-", "-", f"ERROR {type(err).__name__}: {err}".splitlines()[0][:140]))
    header = ("case", "loaded by", "max abs err", "result")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(4)]
    for r in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(v).ljust(w) for v, w in zip(r, widths)))
    failures = sum(1 for r in rows if r[3] != "pass")
    print(f"{len(rows)} Orbax checks, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "write":
        write(pathlib.Path(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "check":
        sys.exit(check(pathlib.Path(sys.argv[2])))
    else:
        print(__doc__)
        sys.exit(2)
