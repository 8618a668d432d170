"""Whole models as users write them, for the live template conversions (`trees.py`).

Four architectures, each written in the idiom of all four frameworks:

- `cnn_flax`: the CNN of the Flax Linen MNIST example and the Flax NNX MNIST tutorial (conv 3x3
  SAME, relu, avg_pool 2/2, twice; flatten; dense, relu, dense), at 12x12x1 with 4/8/16 units.
  BrainState's CNN is written the same way (its pools are layers; conv biases as Flax has them).
- `cnn_eqx`: the CNN of Equinox's MNIST example (a `layers` list: Conv2d k4 VALID, MaxPool2d k2
  stride 1, relu, ravel, Linear, sigmoid, Linear, relu, Linear, log_softmax), at 12x12x1.
- `mlp`: an encoder/decoder MLP with nested submodules and a LayerNorm (epsilon 1e-6 in all).
- `res`: a residual block (conv, batch norm, relu, conv, batch norm, add, relu) in a model that
  averages over space and ends in a dense head, at 6x6x4.

Each `Def` builds a model (seeded), randomises every weight and statistic (so that a conversion
that drops or swaps anything shows), saves and loads it as its framework's users do, and runs it
on a batched channels-last input. Outputs are vectors in every architecture, so no layout change
is needed to compare them.
"""

from __future__ import annotations

import io
import os
import tempfile
from functools import partial

import jax
import jax.numpy as jnp
import numpy as np

ARCHS = ("cnn_flax", "cnn_eqx", "mlp", "res")
INPUT = {"cnn_flax": (12, 12, 1), "cnn_eqx": (12, 12, 1), "mlp": (8,), "res": (6, 6, 4)}
# The CNN each framework's own tutorial or example writes.
TUTORIAL_CNN = {"linen": "cnn_flax", "nnx": "cnn_flax", "brainstate": "cnn_flax", "equinox": "cnn_eqx"}
FRAMEWORKS = ("linen", "nnx", "equinox", "brainstate")


def randomise(tree, rng: np.random.Generator, path: tuple = ()):
    """Random values for every float leaf of nested dicts, keeping key order; variances positive."""
    if isinstance(tree, dict):
        return {k: randomise(v, rng, (*path, k)) for k, v in tree.items()}
    a = np.asarray(tree)
    if not np.issubdtype(a.dtype, np.floating):
        return tree
    name = str(path[-1]) if path else ""
    values = rng.uniform(0.5, 1.5, a.shape) if name in ("var", "running_var") else rng.normal(0.0, 0.5, a.shape)
    return jnp.asarray(values.astype(a.dtype))


# ---------------------------------------------------------------- flax.linen


def linen_models():
    import flax.linen as nn

    class CNN(nn.Module):
        @nn.compact
        def __call__(self, x):
            x = nn.Conv(features=4, kernel_size=(3, 3))(x)
            x = nn.relu(x)
            x = nn.avg_pool(x, window_shape=(2, 2), strides=(2, 2))
            x = nn.Conv(features=8, kernel_size=(3, 3))(x)
            x = nn.relu(x)
            x = nn.avg_pool(x, window_shape=(2, 2), strides=(2, 2))
            x = x.reshape((x.shape[0], -1))
            x = nn.Dense(features=16)(x)
            x = nn.relu(x)
            return nn.Dense(features=10)(x)

    class EqxCNN(nn.Module):
        @nn.compact
        def __call__(self, x):
            x = nn.Conv(3, (4, 4), padding="VALID")(x)
            x = nn.relu(nn.max_pool(x, (2, 2), strides=(1, 1)))
            x = x.reshape((x.shape[0], -1))
            x = nn.sigmoid(nn.Dense(32)(x))
            x = nn.relu(nn.Dense(16)(x))
            return nn.log_softmax(nn.Dense(10)(x))

    class Encoder(nn.Module):
        @nn.compact
        def __call__(self, x):
            x = nn.Dense(16)(x)
            x = nn.relu(nn.LayerNorm()(x))
            return nn.Dense(4)(x)

    class Decoder(nn.Module):
        @nn.compact
        def __call__(self, z):
            z = nn.relu(nn.Dense(16)(z))
            return nn.Dense(8)(z)

    class AutoEncoder(nn.Module):
        @nn.compact
        def __call__(self, x):
            return Decoder()(Encoder()(x))

    class ResBlock(nn.Module):
        @nn.compact
        def __call__(self, x):
            y = nn.relu(nn.BatchNorm(use_running_average=True)(nn.Conv(4, (3, 3))(x)))
            y = nn.BatchNorm(use_running_average=True)(nn.Conv(4, (3, 3))(y))
            return nn.relu(x + y)

    class ResNet(nn.Module):
        @nn.compact
        def __call__(self, x):
            return nn.Dense(3)(jnp.mean(ResBlock()(x), axis=(1, 2)))

    return {"cnn_flax": CNN, "cnn_eqx": EqxCNN, "mlp": AutoEncoder, "res": ResNet}


class LinenDef:
    framework = "linen"

    def __init__(self, arch: str):
        self.arch, self.cls = arch, linen_models()[arch]

    def _x(self):
        return jnp.ones((1, *INPUT[self.arch]), jnp.float32)

    def build(self, seed: int):
        return self.cls().init(jax.random.key(seed), self._x())

    def randomise(self, variables, rng):
        return randomise(variables, rng)

    def save(self, variables) -> bytes:
        from flax import serialization

        return serialization.to_bytes(variables)

    def load(self, data: bytes):
        from flax import serialization

        return serialization.from_bytes(jax.eval_shape(self.cls().init, jax.random.key(0), self._x()), data)

    def run(self, variables, x):
        return self.cls().apply(variables, x)


# ---------------------------------------------------------------- flax.nnx


def nnx_models():
    from flax import nnx

    class CNN(nnx.Module):
        def __init__(self, *, rngs: nnx.Rngs):
            self.conv1 = nnx.Conv(1, 4, kernel_size=(3, 3), rngs=rngs)
            self.conv2 = nnx.Conv(4, 8, kernel_size=(3, 3), rngs=rngs)
            self.avg_pool = partial(nnx.avg_pool, window_shape=(2, 2), strides=(2, 2))
            self.linear1 = nnx.Linear(72, 16, rngs=rngs)
            self.linear2 = nnx.Linear(16, 10, rngs=rngs)

        def __call__(self, x):
            x = self.avg_pool(nnx.relu(self.conv1(x)))
            x = self.avg_pool(nnx.relu(self.conv2(x)))
            x = x.reshape(x.shape[0], -1)
            x = nnx.relu(self.linear1(x))
            return self.linear2(x)

    class EqxCNN(nnx.Module):
        def __init__(self, *, rngs: nnx.Rngs):
            self.conv1 = nnx.Conv(1, 3, kernel_size=(4, 4), padding="VALID", rngs=rngs)
            self.linear1 = nnx.Linear(192, 32, rngs=rngs)
            self.linear2 = nnx.Linear(32, 16, rngs=rngs)
            self.linear3 = nnx.Linear(16, 10, rngs=rngs)

        def __call__(self, x):
            x = nnx.relu(nnx.max_pool(self.conv1(x), window_shape=(2, 2), strides=(1, 1)))
            x = x.reshape(x.shape[0], -1)
            x = nnx.sigmoid(self.linear1(x))
            x = nnx.relu(self.linear2(x))
            return nnx.log_softmax(self.linear3(x))

    class Encoder(nnx.Module):
        def __init__(self, rngs: nnx.Rngs):
            self.linear1 = nnx.Linear(8, 16, rngs=rngs)
            self.norm = nnx.LayerNorm(16, rngs=rngs)
            self.linear2 = nnx.Linear(16, 4, rngs=rngs)

        def __call__(self, x):
            return self.linear2(nnx.relu(self.norm(self.linear1(x))))

    class Decoder(nnx.Module):
        def __init__(self, rngs: nnx.Rngs):
            self.linear1 = nnx.Linear(4, 16, rngs=rngs)
            self.linear2 = nnx.Linear(16, 8, rngs=rngs)

        def __call__(self, z):
            return self.linear2(nnx.relu(self.linear1(z)))

    class AutoEncoder(nnx.Module):
        def __init__(self, *, rngs: nnx.Rngs):
            self.encoder = Encoder(rngs)
            self.decoder = Decoder(rngs)

        def __call__(self, x):
            return self.decoder(self.encoder(x))

    class ResBlock(nnx.Module):
        def __init__(self, rngs: nnx.Rngs):
            self.conv1 = nnx.Conv(4, 4, kernel_size=(3, 3), rngs=rngs)
            self.bn1 = nnx.BatchNorm(4, rngs=rngs)
            self.conv2 = nnx.Conv(4, 4, kernel_size=(3, 3), rngs=rngs)
            self.bn2 = nnx.BatchNorm(4, rngs=rngs)

        def __call__(self, x):
            y = nnx.relu(self.bn1(self.conv1(x)))
            return nnx.relu(x + self.bn2(self.conv2(y)))

    class ResNet(nnx.Module):
        def __init__(self, *, rngs: nnx.Rngs):
            self.block = ResBlock(rngs)
            self.head = nnx.Linear(4, 3, rngs=rngs)

        def __call__(self, x):
            return self.head(jnp.mean(self.block(x), axis=(1, 2)))

    return {"cnn_flax": CNN, "cnn_eqx": EqxCNN, "mlp": AutoEncoder, "res": ResNet}


class NnxDef:
    framework = "nnx"

    def __init__(self, arch: str):
        self.arch, self.cls = arch, nnx_models()[arch]

    def build(self, seed: int):
        from flax import nnx

        return self.cls(rngs=nnx.Rngs(seed))

    def _state(self, model):
        from flax import nnx

        return nnx.state(model, (nnx.Param, nnx.BatchStat))

    def randomise(self, model, rng):
        from flax import nnx

        state = self._state(model)
        nnx.replace_by_pure_dict(state, randomise(nnx.to_pure_dict(state), rng))
        nnx.update(model, state)
        return model

    def save(self, model) -> bytes:
        from flax import nnx, serialization

        return serialization.msgpack_serialize(nnx.to_pure_dict(self._state(model)))

    def load(self, data: bytes):
        from flax import nnx, serialization

        model = self.build(1)
        state = self._state(model)
        nnx.replace_by_pure_dict(state, serialization.msgpack_restore(data))
        nnx.update(model, state)
        return model

    def run(self, model, x):
        model.eval()
        return model(x)


# ---------------------------------------------------------------- equinox


def equinox_models():
    import equinox as eqx

    class CNN(eqx.Module):
        layers: list

        def __init__(self, key):
            key1, key2, key3, key4 = jax.random.split(key, 4)
            self.layers = [
                eqx.nn.Conv2d(1, 3, kernel_size=4, key=key1),
                eqx.nn.MaxPool2d(kernel_size=2),
                jax.nn.relu,
                jnp.ravel,
                eqx.nn.Linear(192, 32, key=key2),
                jax.nn.sigmoid,
                eqx.nn.Linear(32, 16, key=key3),
                jax.nn.relu,
                eqx.nn.Linear(16, 10, key=key4),
                jax.nn.log_softmax,
            ]

        def __call__(self, x):
            for layer in self.layers:
                x = layer(x)
            return x

    class FlaxCNN(eqx.Module):
        conv1: eqx.nn.Conv2d
        conv2: eqx.nn.Conv2d
        pool: eqx.nn.AvgPool2d
        linear1: eqx.nn.Linear
        linear2: eqx.nn.Linear

        def __init__(self, key):
            k1, k2, k3, k4 = jax.random.split(key, 4)
            self.conv1 = eqx.nn.Conv2d(1, 4, 3, padding=1, key=k1)
            self.conv2 = eqx.nn.Conv2d(4, 8, 3, padding=1, key=k2)
            self.pool = eqx.nn.AvgPool2d(2, 2)
            self.linear1 = eqx.nn.Linear(72, 16, key=k3)
            self.linear2 = eqx.nn.Linear(16, 10, key=k4)

        def __call__(self, x):
            x = self.pool(jax.nn.relu(self.conv1(x)))
            x = self.pool(jax.nn.relu(self.conv2(x)))
            x = jax.nn.relu(self.linear1(jnp.ravel(x)))
            return self.linear2(x)

    class Encoder(eqx.Module):
        linear1: eqx.nn.Linear
        norm: eqx.nn.LayerNorm
        linear2: eqx.nn.Linear

        def __init__(self, key):
            k1, k2 = jax.random.split(key)
            self.linear1 = eqx.nn.Linear(8, 16, key=k1)
            self.norm = eqx.nn.LayerNorm(16, eps=1e-6)
            self.linear2 = eqx.nn.Linear(16, 4, key=k2)

        def __call__(self, x):
            return self.linear2(jax.nn.relu(self.norm(self.linear1(x))))

    class Decoder(eqx.Module):
        linear1: eqx.nn.Linear
        linear2: eqx.nn.Linear

        def __init__(self, key):
            k1, k2 = jax.random.split(key)
            self.linear1 = eqx.nn.Linear(4, 16, key=k1)
            self.linear2 = eqx.nn.Linear(16, 8, key=k2)

        def __call__(self, z):
            return self.linear2(jax.nn.relu(self.linear1(z)))

    class AutoEncoder(eqx.Module):
        encoder: Encoder
        decoder: Decoder

        def __init__(self, key):
            k1, k2 = jax.random.split(key)
            self.encoder, self.decoder = Encoder(k1), Decoder(k2)

        def __call__(self, x):
            return self.decoder(self.encoder(x))

    class ResBlock(eqx.Module):
        conv1: eqx.nn.Conv2d
        bn1: eqx.nn.BatchNorm
        conv2: eqx.nn.Conv2d
        bn2: eqx.nn.BatchNorm

        def __init__(self, key):
            k1, k2 = jax.random.split(key)
            self.conv1 = eqx.nn.Conv2d(4, 4, 3, padding=1, key=k1)
            self.bn1 = eqx.nn.BatchNorm(4, "batch", mode="ema")
            self.conv2 = eqx.nn.Conv2d(4, 4, 3, padding=1, key=k2)
            self.bn2 = eqx.nn.BatchNorm(4, "batch", mode="ema")

        def __call__(self, x, state):
            y, state = self.bn1(self.conv1(x), state)
            y, state = self.bn2(self.conv2(jax.nn.relu(y)), state)
            return jax.nn.relu(x + y), state

    class ResNet(eqx.Module):
        block: ResBlock
        head: eqx.nn.Linear

        def __init__(self, key):
            k1, k2 = jax.random.split(key)
            self.block, self.head = ResBlock(k1), eqx.nn.Linear(4, 3, key=k2)

        def __call__(self, x, state):
            x, state = self.block(x, state)
            return self.head(jnp.mean(x, axis=(1, 2))), state

    return {"cnn_flax": FlaxCNN, "cnn_eqx": CNN, "mlp": AutoEncoder, "res": ResNet}


class EquinoxDef:
    """Saved as `eqx.tree_serialise_leaves` writes the model, or `(model, state)` with a BatchNorm."""

    framework = "equinox"

    def __init__(self, arch: str):
        self.arch, self.cls = arch, equinox_models()[arch]
        self.stateful = arch == "res"

    def build(self, seed: int):
        import equinox as eqx

        if self.stateful:
            return eqx.nn.make_with_state(self.cls)(jax.random.key(seed))
        return self.cls(jax.random.key(seed)), None

    def randomise(self, pair, rng):
        import equinox as eqx

        model, state = pair
        normal = lambda a: jnp.asarray(rng.normal(0.0, 0.5, a.shape).astype(a.dtype))  # noqa: E731
        positive = lambda a: jnp.asarray(rng.uniform(0.5, 1.5, a.shape).astype(a.dtype))  # noqa: E731
        model = jax.tree_util.tree_map(lambda a: normal(a) if eqx.is_inexact_array(a) else a, model)
        if state is not None:
            state = jax.tree_util.tree_map(lambda a: positive(a) if eqx.is_inexact_array(a) else a, state)
        return model, state

    def save(self, pair) -> bytes:
        import equinox as eqx

        model, state = pair
        buf = io.BytesIO()
        eqx.tree_serialise_leaves(buf, (model, state) if self.stateful else model)
        return buf.getvalue()

    def load(self, data: bytes):
        import equinox as eqx

        model, state = self.build(1)
        like = (model, state) if self.stateful else model
        loaded = eqx.tree_deserialise_leaves(io.BytesIO(data), like)
        return loaded if self.stateful else (loaded, None)

    def run(self, pair, x):
        import equinox as eqx

        model, state = pair
        model = eqx.nn.inference_mode(model)
        xs = jnp.moveaxis(x, -1, 1) if x.ndim > 2 else x  # NHWC -> NCHW, one example per vmap lane
        if state is None:
            return jax.vmap(model)(xs)
        return jax.vmap(model, axis_name="batch", in_axes=(0, None), out_axes=(0, None))(xs, state)[0]


# ---------------------------------------------------------------- brainstate


def brainstate_models():
    import braintools
    import brainstate.nn as bnn

    zero = braintools.init.ZeroInit

    class CNN(bnn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = bnn.Conv2d((12, 12, 1), 4, (3, 3), b_init=zero())
            self.conv2 = bnn.Conv2d((6, 6, 4), 8, (3, 3), b_init=zero())
            self.pool = bnn.AvgPool2d(2, 2)
            self.linear1 = bnn.Linear(72, 16)
            self.linear2 = bnn.Linear(16, 10)

        def update(self, x):
            x = self.pool(jax.nn.relu(self.conv1(x)))
            x = self.pool(jax.nn.relu(self.conv2(x)))
            x = x.reshape((x.shape[0], -1))
            return self.linear2(jax.nn.relu(self.linear1(x)))

    class EqxCNN(bnn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = bnn.Conv2d((12, 12, 1), 3, (4, 4), padding="VALID", b_init=zero())
            self.pool = bnn.MaxPool2d(2, stride=1)
            self.linear1 = bnn.Linear(192, 32)
            self.linear2 = bnn.Linear(32, 16)
            self.linear3 = bnn.Linear(16, 10)

        def update(self, x):
            x = jax.nn.relu(self.pool(self.conv1(x)))
            x = x.reshape((x.shape[0], -1))
            x = jax.nn.relu(self.linear2(jax.nn.sigmoid(self.linear1(x))))
            return jax.nn.log_softmax(self.linear3(x))

    class Encoder(bnn.Module):
        def __init__(self):
            super().__init__()
            self.linear1 = bnn.Linear(8, 16)
            self.norm = bnn.LayerNorm(16, epsilon=1e-6)
            self.linear2 = bnn.Linear(16, 4)

        def update(self, x):
            return self.linear2(jax.nn.relu(self.norm(self.linear1(x))))

    class Decoder(bnn.Module):
        def __init__(self):
            super().__init__()
            self.linear1 = bnn.Linear(4, 16)
            self.linear2 = bnn.Linear(16, 8)

        def update(self, z):
            return self.linear2(jax.nn.relu(self.linear1(z)))

    class AutoEncoder(bnn.Module):
        def __init__(self):
            super().__init__()
            self.encoder, self.decoder = Encoder(), Decoder()

        def update(self, x):
            return self.decoder(self.encoder(x))

    class ResBlock(bnn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = bnn.Conv2d((6, 6, 4), 4, (3, 3), b_init=zero())
            self.bn1 = bnn.BatchNorm2d((6, 6, 4))
            self.conv2 = bnn.Conv2d((6, 6, 4), 4, (3, 3), b_init=zero())
            self.bn2 = bnn.BatchNorm2d((6, 6, 4))

        def update(self, x):
            y = jax.nn.relu(self.bn1(self.conv1(x)))
            return jax.nn.relu(x + self.bn2(self.conv2(y)))

    class ResNet(bnn.Module):
        def __init__(self):
            super().__init__()
            self.block, self.head = ResBlock(), bnn.Linear(4, 3)

        def update(self, x):
            return self.head(jnp.mean(self.block(x), axis=(1, 2)))

    return {"cnn_flax": CNN, "cnn_eqx": EqxCNN, "mlp": AutoEncoder, "res": ResNet}


class BrainstateDef:
    """Saved with `braintools.file.msgpack_save(path, brainstate.graph.states(model))`."""

    framework = "brainstate"

    def __init__(self, arch: str):
        self.arch, self.cls = arch, brainstate_models()[arch]

    def build(self, seed: int):
        import brainstate

        brainstate.random.seed(seed)
        return self.cls()

    def randomise(self, model, rng):
        import brainstate

        for path, state in brainstate.graph.states(model).items():
            state.value = randomise(state.value, rng, path)
        return model

    def save(self, model) -> bytes:
        import brainstate
        import braintools

        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "model.msgpack")
            braintools.file.msgpack_save(path, brainstate.graph.states(model))
            with open(path, "rb") as f:
                return f.read()

    def load(self, data: bytes):
        import brainstate
        import braintools

        model = self.build(1)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "model.msgpack")
            with open(path, "wb") as f:
                f.write(data)
            braintools.file.msgpack_load(path, target=brainstate.graph.states(model))
        return model

    def run(self, model, x):
        import brainstate

        with brainstate.environ.context(fit=False):
            return model(x)


DEFS = {"linen": LinenDef, "nnx": NnxDef, "equinox": EquinoxDef, "brainstate": BrainstateDef}


def model_def(framework: str, arch: str):
    return DEFS[framework](arch)
