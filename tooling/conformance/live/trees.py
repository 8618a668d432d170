"""Live template conversions of whole models (issue 16's Must-hold list), in two halves around the CLI.

    python trees.py write DIR    # sources, templates, specs, inputs and outputs; DIR/cases.json
    python trees.py check DIR..  # every `kind: tree` manifest of these models our TypeScript wrote

`write` saves, for every direction between the four frameworks, the source model (the CNN of the
source framework's own tutorial, the encoder/decoder MLP, the residual model; weights randomised)
as that framework's users save it, a freshly initialised template of the same architecture in the
target framework's idiom, saved natively, a seeded input and the source's outputs, and the
`interop convert` arguments of the case. `packages/all/conformance/cases.ts` runs them and writes
one manifest per output file; `check` loads each output into the target framework's own class
(not a spec-built model) and compares its outputs with the source's (rtol 1e-5, atol 1e-5).
"""

from __future__ import annotations

import json
import pathlib
import sys
import traceback

import jax.numpy as jnp
import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import tree_models as tm  # noqa: E402
import tree_specs as ts  # noqa: E402

EXT = {"linen": "msgpack", "nnx": "msgpack", "brainstate": "msgpack", "equinox": "eqx"}
TOLERANCE = {"rtol": 1e-5, "atol": 1e-5}


class Writer:
    def __init__(self, out: pathlib.Path):
        self.out, self.cases = out, []
        out.mkdir(parents=True, exist_ok=True)

    def file(self, name: str, data: bytes) -> str:
        (self.out / name).write_bytes(data)
        return name

    def json(self, name: str, value) -> str:
        return self.file(name, (json.dumps(value, indent=2) + "\n").encode())

    def npy(self, name: str, array) -> str:
        np.save(self.out / name, np.asarray(array))
        return name

    def source(self, name: str, framework: str, arch: str, seed: int):
        """The randomised source model: its file, spec, input and outputs."""
        d = tm.model_def(framework, arch)
        rng = np.random.default_rng(seed)
        model = d.randomise(d.build(seed), rng)
        x = jnp.asarray(rng.normal(0.0, 1.0, (2, *tm.INPUT[arch])).astype(np.float32))
        return {
            "source": self.file(f"{name}.source.{EXT[framework]}", d.save(model)),
            "arch": self.json(f"{name}.source.arch.json", ts.spec_of(framework, arch)),
            "input": self.npy(f"{name}.input.npy", x),
            "output": self.npy(f"{name}.output.npy", d.run(model, x)),
        }

    def template(self, name: str, framework: str, arch: str) -> dict:
        d = tm.model_def(framework, arch)
        return {
            "template": self.file(f"{name}.template.{EXT[framework]}", d.save(d.build(1000))),
            "like_arch": self.json(f"{name}.template.arch.json", ts.spec_of(framework, arch)),
        }

    def case(self, name: str, src: str, dst: str, arch: str, seed: int, **extra) -> dict:
        files = {**self.source(name, src, arch, seed), **self.template(name, dst, arch)}
        args = [files["source"], "--from", src, "--to", dst, "--like", files["template"]]
        if extra.pop("inferred", False) is False:
            args += ["--arch", files["arch"]]
        # An Equinox leaf stream holds no names; BrainState states do not store a conv's or a
        # spatial norm's input size. Those templates are read with their spec.
        if dst == "equinox" or (dst == "brainstate" and len(tm.INPUT[arch]) > 1):
            args += ["--like-arch", files["like_arch"]]
        if len(tm.INPUT[arch]) > 1 and extra.pop("sample", True):
            args += ["--sample-input", ",".join(map(str, tm.INPUT[arch]))]
        case = {"name": name, "from": src, "to": dst, "arch": arch, "args": args + ["--verify"], "expect": "ok",
                "output": f"{name}.out.{EXT[dst]}", "arrays": {"input": files["input"], "output": files["output"]}, **extra}
        self.cases.append(case)
        return case


def write(out: pathlib.Path) -> None:
    w = Writer(out)
    seed = 0
    for arch_of in ("cnn", "mlp", "res"):
        for src in tm.FRAMEWORKS:
            for dst in tm.FRAMEWORKS:
                if src != dst:
                    arch = tm.TUTORIAL_CNN[src] if arch_of == "cnn" else arch_of
                    w.case(f"{arch_of}_{src}_to_{dst}", src, dst, arch, seed)
                    seed += 1
    # The tutorial walkthrough: a Linen CNN file alone, its architecture and the template's inferred.
    w.case("cnn_linen_to_nnx_inferred", "linen", "nnx", "cnn_flax", seed, inferred=True)
    # Linen -> Equinox -> Linen: the flatten permutation there and back is exact.
    trip = w.case("cnn_linen_to_equinox_and_back", "linen", "equinox", "cnn_flax", seed + 1)
    back = w.template("cnn_linen_to_equinox_and_back_linen", "linen", "cnn_flax")
    trip["then"] = {"args": ["@out", "--from", "equinox", "--to", "linen", "--arch", "@out.arch.json", "--like", back["template"],
                             "--sample-input", "12,12,1", "--verify"],
                    "output": "cnn_linen_to_equinox_and_back.back.msgpack", "exact_as": trip["args"][0]}
    # Without the shape at the flatten (no sample input), or without a forward, Equinox is refused.
    no_shape = w.case("cnn_linen_to_equinox_no_shape", "linen", "equinox", "cnn_flax", seed + 2, sample=False)
    no_shape.update(expect="E_MISSING_ARCH", names="linear1")
    no_forward = w.case("cnn_linen_to_equinox_no_forward", "linen", "equinox", "cnn_flax", seed + 3)
    spec = ts.spec_of("equinox", "cnn_flax")
    spec.pop("forward")
    w.json("cnn_linen_to_equinox_no_forward.template.arch.json", spec)
    no_forward.update(expect="E_MISSING_ARCH", names="linear1")
    # A template of another architecture: every mismatch listed, nothing written.
    mismatch = w.case("cnn_linen_to_nnx_mismatch", "linen", "nnx", "cnn_flax", seed + 4)
    mismatch["args"][mismatch["args"].index("--like") + 1] = w.template("cnn_linen_to_nnx_mismatch_eqx", "nnx", "cnn_eqx")["template"]
    mismatch.update(expect="E_SHAPE_MISMATCH", names=["Conv_0 -> conv1", "Dense_0 -> linear1", "(none) -> linear2", "Conv_1 "])
    w.json("cases.json", w.cases)
    print(f"{len(w.cases)} tree cases written to {out}")


def leaves(data: bytes) -> list:
    from flax import serialization

    out = []

    def walk(tree, path):
        if isinstance(tree, dict):
            for k, v in tree.items():
                walk(v, f"{path}/{k}")
        else:
            out.append((path, np.asarray(tree)))

    walk(serialization.msgpack_restore(data), "")
    return out


def check_case(folder: pathlib.Path, m: dict) -> list[tuple]:
    if m.get("expect", "ok") != "ok":
        verdict = "pass" if m["refusal_ok"] else f"FAIL {', '.join(m['problems'])}"
        return [(m["case"], f"refused {m['expect']}", "-", f"{verdict}: {m['refused'][:150]}")]
    if "cli_error" in m:
        return [(m["case"], "output", "-", f"FAIL interop convert {m['cli_error'][:200]}")]
    d = tm.model_def(m["framework"], m["arch"])
    model = d.load((folder / m["files"]["checkpoint"]).read_bytes())
    x = jnp.asarray(np.load(folder / m["arrays"]["input"]))
    expected = np.load(folder / m["arrays"]["output"]).astype(np.float64)
    got = np.asarray(d.run(model, x), np.float64)
    tol = m.get("tolerance", TOLERANCE)
    err = float(np.max(np.abs(got - expected))) if got.shape == expected.shape else float("inf")
    ok = got.shape == expected.shape and bool(np.all(np.abs(got - expected) <= tol["atol"] + tol["rtol"] * np.abs(expected)))
    rows = [(m["case"], "output", f"{err:.3g}", "pass" if ok else f"FAIL shape {got.shape} vs {expected.shape}" if got.shape != expected.shape else "FAIL")]
    if "exact_as" in m.get("files", {}):
        a = leaves((folder / m["files"]["checkpoint"]).read_bytes())
        b = leaves((folder / m["files"]["exact_as"]).read_bytes())
        same = [p for p, _ in a] == [p for p, _ in b] and all(x.dtype == y.dtype and np.array_equal(x, y) for (_, x), (_, y) in zip(a, b))
        rows.append((m["case"], "bytes of every array", "-", "pass" if same else "FAIL: differs from the source"))
    return rows


def check(dirs: list[str]) -> int:
    rows, failures = [], 0
    for d in dirs:
        for path in sorted(pathlib.Path(d).glob("*.json")):
            m = json.loads(path.read_text())
            # Packages may write their own tree models too (kind "tree" without an `arch` of ours).
            if m.get("kind") != "tree" or m.get("arch") not in tm.ARCHS:
                continue
            try:
                got = check_case(path.parent, m)
            except Exception as err:  # noqa: BLE001 - reported in the table
                traceback.print_exc(file=sys.stderr)
                got = [(m["case"], "output", "-", f"ERROR {type(err).__name__}: {err}".splitlines()[0][:140])]
            rows += got
            failures += sum(1 for r in got if not r[3].startswith("pass"))
    if not rows:
        print("no tree cases found")
        return 1
    header = ("case", "check", "max abs err", "result")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(4)]
    for r in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(v).ljust(w) for v, w in zip(r, widths)))
    print(f"{len(rows)} tree checks, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "write":
        write(pathlib.Path(sys.argv[2]))
    elif len(sys.argv) >= 3 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2:]))
    else:
        print(__doc__)
        sys.exit(2)
