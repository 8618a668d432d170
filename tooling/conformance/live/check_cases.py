"""Loads cases (manifest + native checkpoint + spec + input) in the real framework and compares.

    python check_cases.py DIR [DIR...]      # every */*.json or *.json manifest under each DIR

A case passes when the framework's own forward pass, run on the model rebuilt from `spec` and
restored from the native `checkpoint` file, matches every expected array (`output`, `carry_*`,
`batch_*`) within the case's `tolerance`. Used by `pnpm conformance` for files written by our
TypeScript code, and on the golden fixtures themselves as a self-test. Prints one table row per
(case, array) and exits 1 when any case fails or errors.
"""

from __future__ import annotations

import json
import pathlib
import sys
import traceback

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402

import specs  # noqa: E402

FORWARD_KINDS = ("forward", "embed", "lstm", "gru", "cell", "batchnorm")


def load_array(folder: pathlib.Path, fname: str) -> np.ndarray:
    arr = np.load(folder / fname, allow_pickle=False)
    if arr.dtype.kind == "V" and arr.dtype.itemsize == 2:
        import ml_dtypes

        arr = arr.view(ml_dtypes.bfloat16)
    return arr


class Case:
    def __init__(self, path: pathlib.Path):
        self.path = path
        self.folder = path.parent
        self.m = json.loads(path.read_text(encoding="utf-8"))

    def arr(self, key):
        return load_array(self.folder, self.m["arrays"][key])

    def has(self, key):
        return key in self.m.get("arrays", {})

    def checkpoint(self) -> bytes:
        return (self.folder / self.m["files"]["checkpoint"]).read_bytes()


def run_nnx(case: Case) -> dict:
    model = specs.nnx_load(specs.build_nnx(case.m["spec"]), case.checkpoint())
    x = jnp.asarray(case.arr("input"))
    kind = case.m.get("kind", "forward")
    if kind == "lstm":
        carry = (jnp.asarray(case.arr("carry0_c")), jnp.asarray(case.arr("carry0_h")))
        cs, hs, ys = [], [], []
        for t in range(x.shape[0]):
            carry, y = model(carry, x[t])
            cs.append(carry[0]), hs.append(carry[1]), ys.append(y)
        return {"carry_c": jnp.stack(cs), "carry_h": jnp.stack(hs), "output": jnp.stack(ys)}
    if kind == "gru":
        h = jnp.asarray(case.arr("carry0_h"))
        hs = []
        for t in range(x.shape[0]):
            h, _ = model(h, x[t])
            hs.append(h)
        return {"carry_h": jnp.stack(hs), "output": jnp.stack(hs)}
    return {"output": model(x)}


def run_linen(case: Case) -> dict:
    module = specs.build_linen(case.m["spec"])
    x = jnp.asarray(case.arr("input"))
    kind = case.m.get("kind", "forward")
    if kind == "lstm":
        carry = (jnp.asarray(case.arr("carry0_c")), jnp.asarray(case.arr("carry0_h")))
    elif kind == "gru":
        carry = jnp.asarray(case.arr("carry0_h"))
    init_args = (carry, x[0]) if kind in ("lstm", "gru") else (x,)
    template = jax.eval_shape(module.init, jax.random.key(0), *init_args)
    variables = specs.linen_load(template, case.checkpoint())
    if kind in ("lstm", "gru"):
        cs, hs, ys = [], [], []
        for t in range(x.shape[0]):
            carry, y = module.apply(variables, carry, x[t])
            if kind == "lstm":
                cs.append(carry[0]), hs.append(carry[1])
            else:
                hs.append(carry)
            ys.append(y)
        out = {"carry_h": jnp.stack(hs), "output": jnp.stack(ys)}
        if cs:
            out["carry_c"] = jnp.stack(cs)
        return out
    return {"output": module.apply(variables, x)}


def run_equinox(case: Case) -> dict:
    model, state = specs.build_equinox(case.m["spec"])
    like = (model, state) if state is not None else model
    loaded = specs.eqx_load(like, case.checkpoint())
    model, state = loaded if state is not None else (loaded, None)
    kind = case.m.get("kind", "forward")
    out = {}
    if kind in ("lstm", "gru"):
        for prefix, call in (("", model), ("batch_", jax.vmap(model))):
            if not case.has(prefix + "input"):
                continue
            xs = jnp.asarray(case.arr(prefix + "input"))
            h = jnp.asarray(case.arr(prefix + "carry0_h"))
            carry = (h, jnp.asarray(case.arr(prefix + "carry0_c"))) if kind == "lstm" else h
            hs, cs = [], []
            for t in range(xs.shape[0]):
                carry = call(xs[t], carry)
                if kind == "lstm":
                    hs.append(carry[0]), cs.append(carry[1])
                else:
                    hs.append(carry)
            out[prefix + "carry_h"] = out[prefix + "output"] = jnp.stack(hs)
            if cs:
                out[prefix + "carry_c"] = jnp.stack(cs)
        return out
    for prefix in ("", "batch_"):
        if not case.has(prefix + "input"):
            continue
        x = jnp.asarray(case.arr(prefix + "input"))
        if state is not None:
            fn = model if not prefix else jax.vmap(model, axis_name="batch", in_axes=(0, None), out_axes=(0, None))
            out[prefix + "output"] = fn(x, state)[0]
        else:
            out[prefix + "output"] = (jax.vmap(model) if prefix else model)(x)
    return out


def run_brainstate(case: Case) -> dict:
    import brainstate

    model = specs.build_brainstate(case.m["spec"])
    x = jnp.asarray(case.arr("input"))
    kind = case.m.get("kind", "forward")
    if kind == "cell":
        model.init_state(batch_size=x.shape[1])
    # Restore after init_state so the saved hidden states (the initial carry) are loaded as well.
    specs.bst_load(model, case.checkpoint())
    with brainstate.environ.context(fit=False):
        if kind != "cell":
            return {"output": model(x)}
        hidden = {p[-1]: s for p, s in brainstate.graph.states(model).items() if isinstance(s, brainstate.HiddenState)}
        record = {n: [] for n in hidden}
        ys = []
        for t in range(x.shape[0]):
            ys.append(model(x[t]))
            for n, s in hidden.items():
                record[n].append(s.value)
        out = {f"carry_{n}": jnp.stack(v) for n, v in record.items()}
        out["output"] = jnp.stack(ys)
        return out


RUNNERS = {"nnx": run_nnx, "linen": run_linen, "equinox": run_equinox, "brainstate": run_brainstate}


def compare(expected: np.ndarray, actual, tol: dict) -> tuple[float, bool, str]:
    actual = np.asarray(actual)
    if tuple(actual.shape) != tuple(expected.shape):
        return float("inf"), False, f"shape {tuple(actual.shape)} != expected {tuple(expected.shape)}"
    a = actual.astype(np.float64)
    e = expected.astype(np.float64)
    if a.size == 0:
        return 0.0, True, ""
    err = np.abs(a - e)
    max_err = float(np.max(err))
    ok = bool(np.all(err <= tol["atol"] + tol["rtol"] * np.abs(e))) and not np.any(np.isnan(a) != np.isnan(e))
    return max_err, ok, ""


def check(paths: list[pathlib.Path]) -> tuple[list[tuple], int]:
    rows, failures = [], 0
    for path in paths:
        case = Case(path)
        m = case.m
        label = (m.get("framework", "?"), m.get("layer", m.get("spec", {}).get("type", "?")), m.get("case", path.stem))
        runner = RUNNERS.get(m.get("framework"))
        if runner is None or "spec" not in m or m.get("kind", "forward") not in FORWARD_KINDS:
            continue
        try:
            got = runner(case)
        except Exception as err:  # noqa: BLE001 - reported in the table
            rows.append((*label, "-", "-", f"ERROR {type(err).__name__}: {err}".splitlines()[0][:120]))
            traceback.print_exc(file=sys.stderr)
            failures += 1
            continue
        tol = m.get("tolerance", {"rtol": 1e-5, "atol": 1e-6})
        for key in sorted(got):
            if not case.has(key):
                continue
            err, ok, why = compare(case.arr(key), got[key], tol)
            rows.append((*label, key, f"{err:.3g}", "pass" if ok else f"FAIL {why}".strip()))
            failures += 0 if ok else 1
    return rows, failures


def print_table(rows: list[tuple]) -> None:
    header = ("framework", "layer", "case", "array", "max abs err", "result")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(v).ljust(w) for v, w in zip(r, widths)))


def collect(dirs: list[str]) -> list[pathlib.Path]:
    paths = []
    for d in dirs:
        p = pathlib.Path(d)
        paths += sorted(p.glob("*.json")) + sorted(p.glob("*/*.json")) if p.is_dir() else [p]
    return paths


def main(argv: list[str]) -> int:
    paths = collect(argv)
    rows, failures = check(paths)
    if not rows:
        print("no forward-pass cases found")
        return 0
    print_table(rows)
    print(f"{len(rows)} comparisons, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
