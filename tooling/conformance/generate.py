"""Fixture driver: runs every `generators/<group>.py` into `fixtures/<group>/`.

    python generate.py              # all groups
    python generate.py seed anchor  # only these groups

Each group runs in its own Python process (fresh global RNG state, fresh interop registries),
with the environment pinned for bit-reproducibility (see `DETERMINISM_ENV`). The group folder
is emptied first, so cases that a generator no longer writes disappear. Afterwards every
manifest in the folder gets `group`, `case` and `versions` if the generator left them out;
a manifest that records different versions than the installed ones is an error.
"""

from __future__ import annotations

import importlib.util
import json
import os
import pathlib
import random
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
GENERATORS = HERE / "generators"
FIXTURES = HERE / "fixtures"

DETERMINISM_ENV = {
    "JAX_PLATFORMS": "cpu",
    "JAX_ENABLE_X64": "0",
    # One thread everywhere: XLA's multi-threaded Eigen kernels may split reductions differently
    # depending on the core count.
    "XLA_FLAGS": "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONHASHSEED": "0",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "PYTHONWARNINGS": "ignore",
}


def groups() -> list[str]:
    return sorted(p.stem for p in GENERATORS.glob("*.py") if not p.stem.startswith("_"))


def run_one(group: str) -> None:
    """Runs one generator in this process (called in the child)."""
    sys.path.insert(0, str(HERE))
    import numpy as np

    import fixturelib

    random.seed(0)
    np.random.seed(0)
    out = FIXTURES / group
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        if old.is_file():
            old.unlink()
    spec = importlib.util.spec_from_file_location(f"generators.{group}", GENERATORS / f"{group}.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    module.generate(out)
    stamp(out, group, fixturelib.versions(), fixturelib.dump_json)


def stamp(out: pathlib.Path, group: str, versions: dict, dump) -> None:
    for manifest_path in sorted(out.glob("*.json")):
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        changed = False
        for key, value in (("group", group), ("case", manifest_path.stem), ("versions", versions)):
            if key not in manifest:
                manifest[key] = value
                changed = True
        if manifest["versions"] != versions:
            raise SystemExit(f"{manifest_path}: records versions {manifest['versions']}, installed {versions}")
        if changed:
            manifest_path.write_text(dump(manifest), encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv[:1] == ["--one"]:
        run_one(argv[1])
        return 0
    known = groups()
    wanted = argv or known
    unknown = [g for g in wanted if g not in known]
    if unknown:
        print(f"unknown group(s): {', '.join(unknown)}; known: {', '.join(known)}", file=sys.stderr)
        return 2
    env = {**os.environ, **DETERMINISM_ENV}
    failed = []
    for group in wanted:
        start = time.time()
        proc = subprocess.run([sys.executable, __file__, "--one", group], env=env, cwd=HERE)
        cases = len(list((FIXTURES / group).glob("*.json"))) if (FIXTURES / group).exists() else 0
        status = "ok" if proc.returncode == 0 else f"FAILED (exit {proc.returncode})"
        print(f"  {group:20} {cases:4d} cases  {time.time() - start:6.1f}s  {status}", flush=True)
        if proc.returncode != 0:
            failed.append(group)
    if failed:
        print(f"generators failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
