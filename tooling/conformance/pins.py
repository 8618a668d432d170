"""Names shared by the driver and the stdlib-only `check.py` (no third-party imports here)."""

# The packages whose versions every manifest records; each must equal its line in requirements.lock.
VERSION_PACKAGES = (
    "jax",
    "jaxlib",
    "flax",
    "equinox",
    "brainstate",
    "braintools",
    "brainunit",
    "numpy",
    "ml_dtypes",
    "msgpack",
    "safetensors",
)
