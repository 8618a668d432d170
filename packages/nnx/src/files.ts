import { InteropError, Tensor, expectBytes } from '@interop/core';
import { treeFromMsgpack } from '@interop/flax';
import { msgpackCodec, readFlaxMsgpack, readSafetensors, writeSafetensors } from '@interop/formats';
import type { MsgpackInput } from '@interop/formats';
import { flatState, replaceByPureDict, state, toPureDict, unflatten } from './graph.js';
import type { PureDict } from './graph.js';
import { requireModule } from './module.js';
import type { AnyModule } from './module.js';
import { stateKeysTree } from './state-keys.js';
import type { StateKeys } from './state-keys.js';

/**
 * Reads the pure dict that `flax.serialization.msgpack_serialize(nnx.to_pure_dict(state))` wrote
 * (integer keys arrive as their digit strings, as `replace_by_pure_dict` accepts them).
 *
 * @throws {InteropError} the format errors of `readFlaxMsgpack`; E_FORMAT_CORRUPT for a non-dict tree.
 * @example
 * ```ts
 * const pure = readPureDict(await readFile('model.msgpack')); // pure.layers['0'].kernel
 * ```
 */
export function readPureDict(bytes: Uint8Array): PureDict {
  expectBytes(bytes, 'nnx.readPureDict(bytes)', 'a Flax .msgpack file');
  return pureDictOfTree(readFlaxMsgpack(bytes));
}

/**
 * The pure dict of a msgpack tree as `msgpackCodec` opens it (lazy tensors stay lazy).
 *
 * @throws {InteropError} E_FORMAT_CORRUPT for a non-dict tree or a leaf that is not an array.
 * @example
 * ```ts
 * const pure = pureDictOfTree(msgpackCodec.openSource(source));
 * ```
 */
export function pureDictOfTree(tree: unknown): PureDict {
  const pure = treeFromMsgpack(tree, 'an NNX state file');
  if (pure instanceof Tensor) throw new InteropError('E_FORMAT_CORRUPT', 'an NNX state file must hold a dict, not one array');
  return pure;
}

/** Options of {@link writePureDict} and {@link writeState}. */
export interface WriteStateOptions {
  /**
   * How integer keys (`nnx.List`, `Sequential` indices) are written: `'int'` as
   * `msgpack_serialize(nnx.to_pure_dict(state))` writes them, `'str'` as `to_bytes`, `'str-sorted'`
   * as strings sorted as strings (see {@link StateKeys}; `detectStateKeys` tells a file's).
   * @default 'str-sorted'
   */
  keys?: StateKeys;
}

/**
 * Writes a pure dict as `flax.serialization.msgpack_serialize` does (by default keys as strings,
 * sorted), byte-identical to Python's file of the same values.
 *
 * @example
 * ```ts
 * await writeFile('model.msgpack', writePureDict(toPureDict(state(model))));
 * ```
 */
export function writePureDict(pure: PureDict, options: WriteStateOptions = {}): Uint8Array {
  return msgpackCodec.write(pureDictTree(pure, options));
}

/**
 * A pure dict as the msgpack codec's tree {@link writePureDict} writes (by default keys as
 * strings, sorted, as `msgpack_serialize(in_place=False)` writes every dict).
 *
 * @example
 * ```ts
 * msgpackCodec.layout(pureDictTree(toPureDict(state(model)), { keys: 'int' }));
 * ```
 */
export function pureDictTree(pure: PureDict, options: WriteStateOptions = {}): MsgpackInput {
  return stateKeysTree(pure, options.keys ?? 'str-sorted');
}

/**
 * A model's state (all but RNG state) as the bytes of
 * `flax.serialization.msgpack_serialize(nnx.to_pure_dict(nnx.state(model)))`, int keys as strings
 * unless `options.keys` says otherwise. A {@link ModuleTree}'s state is by attribute
 * (`conv1/kernel`, `blocks/0/linear/kernel`).
 *
 * @example
 * ```ts
 * await writeFile('model.msgpack', writeState(model));
 * await writeFile('model.msgpack', writeState(tree, { keys: 'int' })); // as msgpack_serialize(nnx.to_pure_dict(state))
 * ```
 */
export function writeState(model: AnyModule, options: WriteStateOptions = {}): Uint8Array {
  return writePureDict(toPureDict(state(requireModule(model, 'writeState(model)'))), options);
}

/**
 * The msgpack codec's tree of {@link writeState} (its tensors as the model holds them, lazy
 * ones included).
 *
 * @example
 * ```ts
 * msgpackCodec.layout(stateTree(model, { keys: 'int' }));
 * ```
 */
export function stateTree(model: AnyModule, options: WriteStateOptions = {}): MsgpackInput {
  return pureDictTree(toPureDict(state(requireModule(model, 'stateTree(model)'))), options);
}

/**
 * Loads a msgpack state file into `model` (`nnx.replace_by_pure_dict` then `nnx.update`) and
 * returns the model. Every array keeps the file's dtype.
 *
 * @throws {InteropError} format errors; E_INVALID_ARGUMENT for a path the model lacks;
 *   E_SHAPE_MISMATCH for an array of another shape.
 * @example
 * ```ts
 * const model = readState(moduleFromSpec(spec), await readFile('model.msgpack'));
 * ```
 */
export function readState<M extends AnyModule>(model: M, bytes: Uint8Array): M {
  expectBytes(bytes, 'nnx.readState(model, bytes)', 'a Flax .msgpack file');
  return loadPureDict(model, readPureDict(bytes), 'readState(model)');
}

/**
 * Loads a pure dict into `model` (`nnx.replace_by_pure_dict`) and returns the model; its tensors
 * go in as they are (lazy ones stay lazy).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for a path the model lacks; E_SHAPE_MISMATCH.
 * @example
 * ```ts
 * loadPureDict(moduleFromSpec(spec), pureDictOfTree(tree));
 * ```
 */
export function loadPureDict<M extends AnyModule>(model: M, pure: PureDict, call = 'loadPureDict(model)'): M {
  replaceByPureDict(state(requireModule(model, call)), pure);
  return model;
}

/**
 * A model's state as safetensors, keys the `/`-joined paths (`layers/0/kernel`), as
 * `flax.traverse_util.flatten_dict(pure, sep='/')` with string keys spells them.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for a name containing `/`.
 * @example
 * ```ts
 * await writeFile('model.safetensors', writeStateSafetensors(model));
 * ```
 */
export function writeStateSafetensors(model: AnyModule, metadata?: Readonly<Record<string, string>>): Uint8Array {
  return writeSafetensors(stateSafetensorsTree(model, 'writeStateSafetensors(model)'), metadata ?? null);
}

/**
 * The tensors {@link writeStateSafetensors} writes, by `/`-joined key (the safetensors codec's tree).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for a name containing `/`.
 * @example
 * ```ts
 * safetensorsCodec.layout(stateSafetensorsTree(model));
 * ```
 */
export function stateSafetensorsTree(model: AnyModule, call = 'stateSafetensorsTree(model)'): Map<string, Tensor> {
  const pure = toPureDict(state(requireModule(model, call)));
  const flat = new Map<string, Tensor>();
  for (const [path, t] of flatState(pure)) {
    const bad = path.find((p) => p.includes('/'));
    if (bad !== undefined)
      throw new InteropError('E_INVALID_ARGUMENT', `state key '${bad}' contains '/', the safetensors key separator`, {
        path: path.join('.'),
      });
    flat.set(path.join('/'), t as Tensor);
  }
  return flat;
}

/**
 * Loads safetensors with `/`-joined keys into `model` and returns it.
 *
 * @throws {InteropError} the format errors of `readSafetensors`; E_FORMAT_CORRUPT when a key is
 *   both an array and a group; E_INVALID_ARGUMENT / E_SHAPE_MISMATCH as {@link readState}.
 * @example
 * ```ts
 * const model = readStateSafetensors(moduleFromSpec(spec), bytes);
 * ```
 */
export function readStateSafetensors<M extends AnyModule>(model: M, bytes: Uint8Array): M {
  expectBytes(bytes, 'nnx.readStateSafetensors(model, bytes)', 'a .safetensors file');
  return loadStateTensors(model, readSafetensors(bytes).tensors, 'readStateSafetensors(model)');
}

/**
 * Loads tensors by `/`-joined key (the safetensors codec's tree) into `model` and returns it.
 *
 * @throws {InteropError} E_FORMAT_CORRUPT when a key is both an array and a group;
 *   E_INVALID_ARGUMENT / E_SHAPE_MISMATCH as {@link readState}.
 * @example
 * ```ts
 * loadStateTensors(moduleFromSpec(spec), safetensorsCodec.openSource(source) as Map<string, Tensor>);
 * ```
 */
export function loadStateTensors<M extends AnyModule>(model: M, tensors: ReadonlyMap<string, Tensor>, call = 'loadStateTensors(model)'): M {
  const flat: Record<string, Tensor> = {};
  for (const [k, t] of tensors) flat[k] = t;
  const keys = Object.keys(flat);
  for (const k of keys) {
    if (keys.some((o) => o.startsWith(`${k}/`)))
      throw new InteropError('E_FORMAT_CORRUPT', `safetensors key '${k}' is both an array and a group`, { path: k });
  }
  replaceByPureDict(state(requireModule(model, call)), unflatten(flat));
  return model;
}
