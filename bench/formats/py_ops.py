"""Python side of the formats benchmark (run with tooling/conformance/.venv/bin/python).

    py_ops.py generate FILE MIB     write a flax msgpack checkpoint of about MIB MiB (float32)
    py_ops.py read FILE             flax.serialization.msgpack_restore of the whole file
    py_ops.py write FILE OUT        msgpack_restore, then time to_bytes + writing OUT
    py_ops.py measure CMD...        run CMD, print {"wall_s", "max_rss_kb"} of the child

Timed operations print one JSON line {"seconds": ...} (file load/serialise only, no startup).
"""

import json
import resource
import subprocess
import sys
import time


def generate(path: str, mib: int) -> None:
    import numpy as np
    from flax import serialization

    rng = np.random.default_rng(0)
    small = 4 * 1024 * 1024  # four 1024x1024 dense kernels
    rows = max(1, (mib * 2**20 - 4 * small) // 4096)
    tree = {
        # Over 2^30 bytes at full size, so Flax writes it as a chunked array.
        "params": {"embed": {"embedding": rng.standard_normal((rows, 1024), dtype=np.float32)}},
    }
    for i in range(4):
        tree["params"][f"Dense_{i}"] = {
            "kernel": rng.standard_normal((1024, 1024), dtype=np.float32),
            "bias": np.zeros((1024,), np.float32),
        }
    tree["step"] = 1000
    data = serialization.to_bytes(tree)
    with open(path, "wb") as f:
        f.write(data)


def read(path: str) -> None:
    from flax import serialization

    t0 = time.perf_counter()
    with open(path, "rb") as f:
        tree = serialization.msgpack_restore(f.read())
    print(json.dumps({"seconds": time.perf_counter() - t0, "leaves": len(tree["params"])}))


def write(path: str, out: str) -> None:
    from flax import serialization

    with open(path, "rb") as f:
        tree = serialization.msgpack_restore(f.read())
    t0 = time.perf_counter()
    data = serialization.to_bytes(tree)
    with open(out, "wb") as f:
        f.write(data)
    print(json.dumps({"seconds": time.perf_counter() - t0}))


def measure(cmd: list[str]) -> None:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"wall_s": wall, "max_rss_kb": rss, "stdout": proc.stdout.strip().splitlines()[-1:] }))


if __name__ == "__main__":
    op = sys.argv[1]
    if op == "generate":
        generate(sys.argv[2], int(sys.argv[3]))
    elif op == "read":
        read(sys.argv[2])
    elif op == "write":
        write(sys.argv[2], sys.argv[3])
    elif op == "measure":
        measure(sys.argv[2:])
