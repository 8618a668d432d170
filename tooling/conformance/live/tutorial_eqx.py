"""docs/tutorials/newcomer-tasks.md, task 2, live: the doc's TypeScript loads a Linen checkpoint Flax
saved from a path and saves it as .eqx; the doc's Python loads that .eqx into its Equinox class;
its outputs must equal Flax's on the same inputs (the Linen MNIST CNN applied to the checkpoint).

    python tutorial_eqx.py ROOT WORKDIR

The TypeScript block runs as written in WORKDIR (its import pointed at the workspace source, as
`pnpm interop` runs it); the Python block too. Exits 1 on any difference beyond rtol/atol 1e-5.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
# Appended: generators/random.py would shadow the standard library's random.
sys.path.append(str(HERE.parent / "generators"))

import flax.serialization  # noqa: E402
import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402

from trees_linen import CNN  # noqa: E402  (the Flax Linen MNIST example's CNN, as the fixture was made)

TOLERANCE = {"rtol": 1e-5, "atol": 1e-5}


def block(page: str, name: str, lang: str) -> str:
    match = re.search(rf"<!-- tutorial: {name} -->\n```{lang}\n(.*?)```", page, re.S)
    if not match:
        raise SystemExit(f"docs/tutorials/newcomer-tasks.md has no {lang} block '{name}'")
    return match.group(1)


def main(root: pathlib.Path, work: pathlib.Path) -> int:
    page = (root / "docs/tutorials/newcomer-tasks.md").read_text()
    fixtures = root / "tooling/conformance/fixtures/trees_linen"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shutil.copy(fixtures / "cnn.msgpack", work / "cnn.msgpack")
    manifest = json.loads((fixtures / "cnn.json").read_text())
    (work / "cnn.msgpack.arch.json").write_text(json.dumps(manifest["spec"]))

    source = block(page, "linen-checkpoint", "ts").replace(
        "from '@interop/all';", f"from '{root / 'packages/all/src/index.ts'}';"
    )
    (work / "tutorial.mts").write_text(source)
    node = ["node", "--conditions=@interop/source", "--import", "tsx", "tutorial.mts"]
    if subprocess.run(node, cwd=work).returncode != 0:
        print("tutorial_eqx: the doc's TypeScript failed")
        return 1

    here = os.getcwd()
    os.chdir(work)
    try:
        scope: dict = {}
        exec(block(page, "equinox-loads", "python"), scope)  # noqa: S102 - the doc's own code
    finally:
        os.chdir(here)
    model = scope["model"]

    variables = flax.serialization.msgpack_restore((work / "cnn.msgpack").read_bytes())
    rng = np.random.default_rng(0)
    inputs = {
        "fixture input": np.load(fixtures / "cnn.input.npy"),
        "random batch": rng.normal(0.0, 1.0, (4, 8, 8, 1)).astype(np.float32),
    }
    failed = 0
    for label, x in inputs.items():
        flax_y = np.asarray(CNN().apply(variables, jnp.asarray(x)))
        eqx_y = np.asarray(jax.vmap(model)(jnp.asarray(x).transpose(0, 3, 1, 2)))
        ok = eqx_y.shape == flax_y.shape and np.allclose(eqx_y, flax_y, **TOLERANCE)
        err = float(np.max(np.abs(eqx_y - flax_y))) if eqx_y.shape == flax_y.shape else float("inf")
        print(f"{'ok  ' if ok else 'FAIL'} cnn.eqx in Equinox's CNN vs Flax's CNN, {label} {tuple(x.shape)}: max abs error {err:.2e}")
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2]).resolve()))
