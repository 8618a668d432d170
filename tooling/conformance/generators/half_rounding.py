"""Independent reference for float32 -> float16 / bfloat16 rounding (issue #2).

NumPy's float32 -> float16 cast and ml_dtypes' float32 -> bfloat16 cast (the bfloat16 JAX
uses) both round to nearest, ties to even. The case holds float32 bit patterns chosen to hit
every hard spot (exact ties at both widths, the subnormal range, the overflow threshold,
NaN payloads, signed zeros) plus seeded random patterns, and the bits each library produced.
Values are uint32/uint16 integers in the manifest, so core's test needs no file codec.
"""

from __future__ import annotations

import json
import pathlib
from importlib import metadata

import ml_dtypes
import numpy as np

from pins import VERSION_PACKAGES


def _patterns() -> np.ndarray:
    rng = np.random.default_rng(20261125)
    special = [0x00000000, 0x80000000, 0x7F800000, 0xFF800000, 0x7FC00000, 0xFFC00000,
               0x7F800001, 0xFF800001, 0x7FBFFFFF, 0x7F80FFFF, 0x00000001, 0x807FFFFF]
    # float16: values around the largest finite (65504), the overflow tie (65520), the smallest
    # normal (2^-14) and subnormal (2^-24) boundaries, and exact ties of the 13 dropped bits.
    f16_edges = np.array([65504, 65519.99, 65520, 65520.01, 2.0**-14, 2.0**-24, 2.0**-25,
                          3 * 2.0**-26, 2.0**-25 * 1.0000001, 1 + 2.0**-11, 1 + 3 * 2.0**-11],
                         dtype=np.float32).view(np.uint32)
    mant = rng.integers(0, 1 << 10, size=2000, dtype=np.uint32) << np.uint32(13)
    exps = rng.integers(90, 160, size=2000, dtype=np.uint32) << np.uint32(23)
    ties16 = exps | mant | np.uint32(0x1000)
    # bfloat16: exact ties of the 16 dropped bits, odd and even.
    hi = rng.integers(0, 1 << 16, size=2000, dtype=np.uint32) << np.uint32(16)
    ties_bf = hi | np.uint32(0x8000)
    random = rng.integers(0, 1 << 32, size=8000, dtype=np.uint64).astype(np.uint32)
    return np.concatenate([np.array(special, dtype=np.uint32), f16_edges, ties16, ties_bf, random])


def generate(out: pathlib.Path) -> None:
    bits = _patterns()
    values = bits.view(np.float32)
    with np.errstate(over="ignore", invalid="ignore"):
        f16 = values.astype(np.float16).view(np.uint16)
        bf16 = values.astype(ml_dtypes.bfloat16).view(np.uint16)
    manifest = {
        "schema": 1, "group": out.name, "case": "float32_to_half", "framework": "numpy",
        "versions": {name: metadata.version(name) for name in VERSION_PACKAGES},
        "arrays": {}, "files": {},
        "notes": f"numpy {np.__version__} astype(float16); ml_dtypes {ml_dtypes.__version__} astype(bfloat16)",
        "float32_bits": bits.astype(np.int64).tolist(),
        "float16_bits": f16.astype(np.int64).tolist(),
        "bfloat16_bits": bf16.astype(np.int64).tolist(),
    }
    text = json.dumps(manifest, separators=(",", ":"), allow_nan=False)
    (out / "float32_to_half.json").write_text(text + "\n", encoding="utf-8")
