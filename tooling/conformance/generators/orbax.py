"""Orbax checkpoint fixtures for `@interop/formats` (issue #18): directories written by real Orbax.

Every case is one checkpoint directory saved by orbax-checkpoint (the pinned version) and stored
flat, as FIXTURES.md requires: each file of the directory becomes `<case>.fNN`, and the manifest's
`files` maps the file's path inside the checkpoint (`_METADATA`, `d/<hex>`, `0/default/...`) to it.
A reader rebuilds the directory from that map. `arrays` holds what Orbax itself restores, leaf by
leaf, as `.npy` (key = the leaf's keys joined by `/`); `expected` holds the non-array leaves as
`{"kind", "value"}` (as in the formats group). `layout` says what the case exercises.

Note: these fixtures are not bit-reproducible. tensorstore names OCDBT data files with random ids
and stamps commit times, and Orbax stamps timestamps in `_CHECKPOINT_METADATA`; neither can be
seeded from Python. The array values and the structure are reproducible.

The Orbax <= 0.5 `checkpoint` msgpack case is constructed: 0.12.8 no longer writes that file, so the
generator writes it with flax.serialization (PLACEHOLDER strings and one aggregated array, as the
old writer did) next to a zarr v2 directory written by 0.12.8 without OCDBT.
"""

from __future__ import annotations

import pathlib
import struct
import tempfile

import ml_dtypes  # noqa: E402
import numpy as np  # noqa: E402

from fixturelib import CaseWriter  # noqa: E402


def _leaf(v) -> dict | None:
    """Non-array leaves as the formats group records them; None for arrays."""
    if isinstance(v, bool):
        return {"kind": "bool", "value": v}
    if isinstance(v, int):
        return {"kind": "int", "value": str(v)}
    if isinstance(v, float):
        return {"kind": "float", "value": struct.pack("<d", v).hex()}
    if isinstance(v, str):
        return {"kind": "str", "value": v}
    if v is None:
        return {"kind": "none", "value": None}
    return None


def _walk(tree, prefix=""):
    if isinstance(tree, dict):
        if not tree:
            yield prefix, {}
        for k, v in tree.items():
            yield from _walk(v, f"{prefix}/{k}" if prefix else str(k))
    elif isinstance(tree, (list, tuple)):
        if not tree:
            yield prefix, []
        for i, v in enumerate(tree):
            yield from _walk(v, f"{prefix}/{i}" if prefix else str(i))
    else:
        yield prefix, tree


def _record(case, restored) -> None:
    expected = {}
    for path, v in _walk(restored):
        if isinstance(v, dict):
            expected[path] = {"kind": "dict", "value": None}
        elif isinstance(v, list):
            expected[path] = {"kind": "list", "value": None}
        elif (rec := _leaf(v)) is not None:
            expected[path] = rec
        else:
            case.array(path, np.asarray(v))
    case.set(expected=expected)


def _store(case, root: pathlib.Path) -> None:
    """Stores every file under `root` flat, named `<case>.fNN`, mapped by its relative path."""
    files = sorted(p for p in root.rglob("*") if p.is_file())
    for i, p in enumerate(files):
        rel = p.relative_to(root).as_posix()
        fname = f"{case.name}.f{i:02d}"
        (case.out / fname).write_bytes(p.read_bytes())
        case.manifest["files"][rel] = fname


def _dtype_tree(rng):
    import jax.numpy as jnp

    return {
        "f32": jnp.asarray(rng.standard_normal((4, 3)), jnp.float32),
        "f16": jnp.asarray(rng.standard_normal((2, 5)), jnp.float16),
        "bf16": jnp.asarray(rng.standard_normal((3, 2)), jnp.bfloat16),
        "i32": jnp.arange(-3, 3, dtype=jnp.int32),
        "u32": jnp.asarray([0, 7, 2**32 - 1], jnp.uint32),
        "np": {
            "f64": rng.standard_normal((2, 2)),
            "i8": np.arange(-4, 4, dtype=np.int8),
            "i16": np.array([-300, 300], np.int16),
            "i64": np.array([-(2**62), 2**62 + 3], np.int64),
            "u8": np.array([0, 255], np.uint8),
            "u16": np.array([1, 65535], np.uint16),
            "u64": np.array([2**64 - 1, 5], np.uint64),
            "bool": np.array([True, False, True]),
            "bf16": rng.standard_normal((2, 3)).astype(ml_dtypes.bfloat16),
        },
        # Incompressible and over 1024 bytes: stored out of line in the OCDBT data files.
        "big": jnp.asarray(rng.standard_normal((40, 30)), jnp.float32),
        "zero_d": jnp.asarray(2.5, jnp.float32),
        "scalars": {"int": 7, "float": 0.125, "np_f32": np.float32(1.5), "np_i8": np.int8(-4)},
        "layers": [{"w": jnp.ones((2, 2), jnp.float32)}, {"w": jnp.full((2, 2), 3.0, jnp.float32)}],
        "nothing": None,
        "empty": {},
    }


def _pytree_case(w, root, name, tree, layout, *, handler_kwargs=None, save_args=None, text=False):
    import orbax.checkpoint as ocp

    path = root / name
    ckptr = ocp.Checkpointer(ocp.PyTreeCheckpointHandler(**(handler_kwargs or {})))
    if text:
        tree = {**tree, "name": "interop"}
    args = ocp.args.PyTreeSave(tree, save_args=save_args) if save_args else ocp.args.PyTreeSave(tree)
    ckptr.save(path, args=args)
    restored = ocp.PyTreeCheckpointer().restore(path)
    case = w.case(name, "orbax", layout=layout)
    _store(case, path)
    _record(case, restored)
    case.write()


def _nnx_cases(w, root) -> None:
    import orbax.checkpoint as ocp
    from flax import nnx

    model = nnx.Sequential(nnx.Linear(4, 3, rngs=nnx.Rngs(0)), nnx.LayerNorm(3, rngs=nnx.Rngs(1)))
    _, state = nnx.split(model)
    ck = ocp.StandardCheckpointer()
    ck.save(root / "nnx-state", state)
    ck.wait_until_finished()
    case = w.case("nnx-state", "flax.nnx", layout={"api": "StandardCheckpointer", "ocdbt": True, "zarr": 2, "zstd": True, "leaves": "value"})
    _store(case, root / "nnx-state")
    _record(case, ck.restore(root / "nnx-state"))
    case.write()

    pure = nnx.to_pure_dict(state)
    ck.save(root / "nnx-pure-dict", pure)
    ck.wait_until_finished()
    case = w.case("nnx-pure-dict", "flax.nnx", layout={"api": "StandardCheckpointer", "ocdbt": True, "zarr": 2, "zstd": True, "leaves": "pure"})
    _store(case, root / "nnx-pure-dict")
    _record(case, ck.restore(root / "nnx-pure-dict"))
    case.write()


def _manager_case(w, root, rng) -> None:
    import jax.numpy as jnp
    import orbax.checkpoint as ocp

    path = root / "manager"
    mngr = ocp.CheckpointManager(path, options=ocp.CheckpointManagerOptions(max_to_keep=3))
    steps = {}
    for step in (1, 2):
        tree = {"w": jnp.asarray(rng.standard_normal((3, 2)), jnp.float32), "step": jnp.asarray(step, jnp.int32)}
        mngr.save(step, args=ocp.args.StandardSave(tree))
        steps[step] = tree
    mngr.wait_until_finished()
    mngr.close()
    case = w.case("manager", "orbax", layout={"api": "CheckpointManager", "steps": [1, 2], "item": "default"})
    _store(case, path)
    # `arrays` hold the latest step; step 1's arrays are recorded under `step1/`.
    restored = ocp.StandardCheckpointer().restore(path / "2" / "default")
    _record(case, restored)
    first = ocp.StandardCheckpointer().restore(path / "1" / "default")
    for k, v in first.items():
        case.array(f"step1/{k}", np.asarray(v))
    case.write()

    path = root / "manager-composite"
    mngr = ocp.CheckpointManager(path, item_names=("state", "meta"))
    mngr.save(5, args=ocp.args.Composite(state=ocp.args.StandardSave({"k": jnp.arange(4, dtype=jnp.float32)}),
                                         meta=ocp.args.JsonSave({"epoch": 5})))
    mngr.wait_until_finished()
    mngr.close()
    case = w.case("manager-composite", "orbax", layout={"api": "CheckpointManager", "steps": [5], "item": "state"})
    _store(case, path)
    _record(case, ocp.StandardCheckpointer().restore(path / "5" / "state"))
    case.write()


def _v1_case(w, root, rng) -> None:
    import jax.numpy as jnp
    import orbax.checkpoint as ocp

    tree = {"a": jnp.asarray(rng.standard_normal((3, 5)), jnp.float32), "h": jnp.asarray(rng.standard_normal((4,)), jnp.bfloat16),
            "s": jnp.asarray(3, jnp.int32), "big": jnp.asarray(rng.standard_normal((30, 20)), jnp.float32)}
    ocp.v1.save_pytree(root / "v1-zarr3", tree)
    case = w.case("v1-zarr3", "orbax", layout={"api": "ocp.v1.save_pytree", "ocdbt": True, "zarr": 3, "sharding_indexed": True})
    _store(case, root / "v1-zarr3")
    _record(case, ocp.v1.load_pytree(root / "v1-zarr3"))
    case.write()


def _sharded_case(w, root, rng) -> None:
    import jax
    import jax.numpy as jnp
    import orbax.checkpoint as ocp
    from jax.sharding import Mesh, NamedSharding, PartitionSpec as P

    devices = np.array(jax.devices()[:4])
    mesh = Mesh(devices.reshape(2, 2), ("x", "y"))
    rows = jax.device_put(jnp.asarray(rng.standard_normal((8, 6)), jnp.float32), NamedSharding(Mesh(devices, ("x",)), P("x")))
    grid = jax.device_put(jnp.asarray(rng.standard_normal((4, 6)), jnp.bfloat16), NamedSharding(mesh, P("x", "y")))
    tree = {"rows": rows, "grid": grid}
    for name, kw in (("sharded", {}), ("sharded-zarr3", {"use_zarr3": True})):
        ckptr = ocp.Checkpointer(ocp.PyTreeCheckpointHandler(**kw))
        ckptr.save(root / name, args=ocp.args.PyTreeSave(tree))
        case = w.case(name, "orbax", layout={"api": "PyTreeCheckpointHandler", "sharded": True, "zarr": 3 if kw else 2})
        _store(case, root / name)
        _record(case, {k: np.asarray(v) for k, v in tree.items()})
        case.write()


def _legacy_cases(w, root, rng) -> None:
    import jax.numpy as jnp
    from flax import serialization
    from flax.training import checkpoints

    import flax

    path = root / "flax-msgpack"
    flax.config.update("flax_use_orbax_checkpointing", False)
    try:
        for step in (2, 3):
            tree = {"params": {"kernel": np.asarray(rng.standard_normal((2, 3)), np.float32),
                               "half": np.asarray(rng.standard_normal((2,)), np.float16)}, "step": step}
            checkpoints.save_checkpoint(path, tree, step=step, keep=5)
    finally:
        flax.config.update("flax_use_orbax_checkpointing", True)
    case = w.case("flax-msgpack", "flax", layout={"api": "flax.training.checkpoints", "msgpack": True, "steps": [2, 3]})
    _store(case, path)
    _record(case, serialization.msgpack_restore((path / "checkpoint_3").read_bytes()))
    case.write()

    # Orbax <= 0.5: a `checkpoint` msgpack file holding the tree, PLACEHOLDER strings for arrays in
    # zarr, inline (aggregated) arrays; no _METADATA. Zarr arrays written by 0.12.8 without OCDBT.
    import orbax.checkpoint as ocp

    path = root / "orbax-msgpack"
    big = {"w": jnp.asarray(rng.standard_normal((3, 4)), jnp.float32), "b": jnp.asarray(rng.standard_normal((4,)), jnp.bfloat16)}
    ocp.Checkpointer(ocp.PyTreeCheckpointHandler(use_ocdbt=False)).save(path, args=ocp.args.PyTreeSave(big))
    for extra in ("_METADATA", "_sharding", "_CHECKPOINT_METADATA", "commit_success.txt"):
        (path / extra).unlink(missing_ok=True)
    for extra in (path / "array_metadatas").glob("*"):
        extra.unlink()
    (path / "array_metadatas").rmdir()
    small = np.arange(3, dtype=np.int16)
    legacy = {"w": "PLACEHOLDER://w", "b": "PLACEHOLDER://b", "small": small, "step": 9}
    (path / "checkpoint").write_bytes(serialization.msgpack_serialize(legacy))
    case = w.case("orbax-msgpack", "orbax", layout={"api": "constructed Orbax <= 0.5", "msgpack": True, "ocdbt": False, "zarr": 2})
    _store(case, path)
    _record(case, {"w": np.asarray(big["w"]), "b": np.asarray(big["b"]), "small": small, "step": 9})
    case.write()


def _deep_ocdbt_case(w, root) -> None:
    """A raw tensorstore OCDBT store with tiny nodes (interior B+tree levels) and 20 generations."""
    import tensorstore as ts

    path = root / "ocdbt-deep"
    spec = {"driver": "ocdbt", "base": f"file://{path}", "config": {"max_decoded_node_bytes": 256, "max_inline_value_bytes": 16}}
    kv = ts.KvStore.open(spec).result()
    values = {}
    for gen in range(20):
        txn = ts.Transaction()
        for i in range(gen * 12, gen * 12 + 12):
            key = f"k/{i % 97:03d}/{'x' * (i % 5)}"
            values[key] = bytes((i * 7 + j) % 256 for j in range(i % 40))
            kv.with_transaction(txn)[key] = values[key]
        txn.commit_async().result()
    case = w.case("ocdbt-deep", "tensorstore", layout={"api": "tensorstore ocdbt", "max_decoded_node_bytes": 256, "generations": 20})
    _store(case, path)
    listed = {k.decode(): kv.read(k).result().value.hex() for k in kv.list().result()}
    assert listed == {k: v.hex() for k, v in values.items()}
    case.set(expected={}, kv=dict(sorted(listed.items())))
    case.write()


def _linen_train_state_case(w, root) -> None:
    """A Linen `TrainState` (optax.adam) with `batch_stats`, after one jitted step, as Flax's guides save it."""
    import jax
    import jax.numpy as jnp
    import optax
    import orbax.checkpoint as ocp
    from flax import linen as nn
    from flax.training import train_state

    class TrainState(train_state.TrainState):
        # generate.py loads this file outside sys.modules, where dataclasses cannot resolve the
        # (postponed) annotation; Flax's own module resolves it.
        __module__ = train_state.__name__
        batch_stats: dict

    def model(train: bool):
        return nn.Sequential([nn.Dense(3), nn.BatchNorm(use_running_average=not train)])

    rng = np.random.default_rng(1818)
    x = jnp.asarray(rng.standard_normal((2, 4)), jnp.float32)
    variables = model(False).init(jax.random.PRNGKey(0), x)
    state = TrainState.create(apply_fn=model(True).apply, params=variables["params"], tx=optax.adam(1e-2),
                              batch_stats=variables["batch_stats"])

    @jax.jit
    def step(state, x):
        def loss(params):
            y, updates = state.apply_fn({"params": params, "batch_stats": state.batch_stats}, x, mutable=["batch_stats"])
            return jnp.sum(y ** 2), updates

        grads, updates = jax.grad(loss, has_aux=True)(state.params)
        return state.apply_gradients(grads=grads).replace(batch_stats=updates["batch_stats"])

    state = step(state, x)
    path = root / "linen-train-state"
    with ocp.StandardCheckpointer() as ckptr:
        ckptr.save(path, state)
    with ocp.StandardCheckpointer() as ckptr:
        restored = ckptr.restore(path)
    y = model(False).apply({"params": state.params, "batch_stats": state.batch_stats}, x)
    case = w.case("linen-train-state", "flax.linen", layout={"api": "StandardCheckpointer", "ocdbt": True, "zarr": 2, "zstd": True,
                                                            "tree": "flax.training.train_state.TrainState, optax.adam, batch_stats"})
    _store(case, path)
    _record(case, restored)
    # The restored model's outputs in eval mode, float32 values exactly as JSON numbers.
    case.set(forward={"input": np.asarray(x).tolist(), "output": np.asarray(y).tolist()})
    case.write()


def generate(out: pathlib.Path) -> None:
    import jax

    # Four host devices for the sharded cases; must be set before the backend starts.
    jax.config.update("jax_num_cpu_devices", 4)
    rng = np.random.default_rng(18)
    w = CaseWriter(out)
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        _nnx_cases(w, root)
        tree = _dtype_tree(rng)
        _pytree_case(w, root, "dtypes", tree, {"api": "PyTreeCheckpointHandler", "ocdbt": True, "zarr": 2, "zstd": True}, text=True)
        _pytree_case(w, root, "dtypes-raw", tree, {"ocdbt": True, "zarr": 2, "zstd": False}, handler_kwargs={"use_compression": False})
        _pytree_case(w, root, "dtypes-no-ocdbt", tree, {"ocdbt": False, "zarr": 2, "zstd": True}, handler_kwargs={"use_ocdbt": False}, text=True)
        _pytree_case(w, root, "dtypes-raw-no-ocdbt", tree, {"ocdbt": False, "zarr": 2, "zstd": False},
                     handler_kwargs={"use_ocdbt": False, "use_compression": False})
        _pytree_case(w, root, "dtypes-zarr3", tree, {"ocdbt": True, "zarr": 3, "zstd": True}, handler_kwargs={"use_zarr3": True})
        _pytree_case(w, root, "dtypes-zarr3-no-ocdbt", tree, {"ocdbt": False, "zarr": 3, "zstd": True},
                     handler_kwargs={"use_zarr3": True, "use_ocdbt": False})
        _pytree_case(w, root, "dtypes-zarr3-raw", tree, {"ocdbt": True, "zarr": 3, "zstd": False},
                     handler_kwargs={"use_zarr3": True, "use_compression": False})
        import jax
        import jax.numpy as jnp
        import orbax.checkpoint as ocp

        chunked = {"m": jnp.asarray(rng.standard_normal((32, 16)), jnp.float32), "v": jnp.arange(64, dtype=jnp.int32)}
        chunk_args = jax.tree.map(lambda _: ocp.SaveArgs(chunk_byte_size=512), chunked)
        for name, kw in (("multi-chunk", {}), ("multi-chunk-zarr3", {"use_zarr3": True}), ("multi-chunk-no-ocdbt", {"use_ocdbt": False})):
            _pytree_case(w, root, name, chunked, {"chunk_byte_size": 512, "zarr": 3 if "use_zarr3" in kw else 2, "ocdbt": "use_ocdbt" not in kw},
                         handler_kwargs=kw, save_args=chunk_args)
        _manager_case(w, root, rng)
        _v1_case(w, root, rng)
        _sharded_case(w, root, rng)
        _legacy_cases(w, root, rng)
        _deep_ocdbt_case(w, root)
        _linen_train_state_case(w, root)
