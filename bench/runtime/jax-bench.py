"""JAX-on-CPU timings for the runtime benchmark shapes; prints one JSON object (ms medians)."""

import json
import time

import jax
import jax.numpy as jnp
import numpy as np


def median_ms(fn, *args, reps=7):
    fn(*args).block_until_ready()
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn(*args).block_until_ready()
        times.append((time.perf_counter() - t) * 1e3)
    return float(np.median(times))


rng = np.random.default_rng(0)
f = lambda *s: jnp.asarray(rng.uniform(-1, 1, s).astype(np.float32))
a, b = f(512, 512), f(512, 512)
x, k = f(1, 64, 64, 64), f(3, 3, 64, 64)
ln = f(4096, 1024)
dense = jax.jit(lambda a, b: a @ b)
conv = jax.jit(lambda x, k: jax.lax.conv_general_dilated(x, k, (1, 1), "SAME", dimension_numbers=("NHWC", "HWIO", "NHWC")))


def layer_norm(v):
    m = v.mean(-1, keepdims=True)
    var = jnp.maximum((v * v).mean(-1, keepdims=True) - m * m, 0)
    return (v - m) * jax.lax.rsqrt(var + 1e-6)


print(json.dumps({
    "jax": jax.__version__,
    "device": str(jax.devices()[0]),
    "dense": median_ms(dense, a, b),
    "conv": median_ms(conv, x, k),
    "layerNorm": median_ms(jax.jit(layer_norm), ln),
}))
