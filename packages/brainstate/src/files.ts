import { InteropError, Tensor, expectBytes } from '@interop/core';
import { readFlaxMsgpack, readSafetensors, writeFlaxMsgpack, writeSafetensors } from '@interop/formats';
import type { MsgpackInput } from '@interop/formats';
import { states, toNest } from './graph.js';
import type { StateTree } from './graph.js';
import { Module } from './module.js';
import type { State, StateValue } from './state.js';

function requireModule(model: unknown, what: string): Module {
  if (!(model instanceof Module)) {
    throw new InteropError('E_INVALID_ARGUMENT', `${what} needs a brainstate Module (the architecture) as its first argument`, {
      found: model === null ? 'null' : typeof model,
      fix: 'Build the model first (new nn.Linear(4, 8) or moduleFromSpec(spec)), then pass it with the bytes',
    });
  }
  return model;
}

function toMsgpack(value: StateValue): MsgpackInput {
  if (value instanceof Tensor) return value;
  return new Map(Object.entries(value).map(([k, v]) => [k, v]));
}

/**
 * The bytes `braintools.file.msgpack_save(path, brainstate.graph.states(model).to_nest())` writes
 * for this model, byte for byte.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when `model` is not a brainstate Module.
 * @example
 * ```ts
 * await writeFile('model.msgpack', msgpackSave(model));
 * ```
 */
export function msgpackSave(model: Module): Uint8Array {
  return writeFlaxMsgpack(msgpackTree(model, 'msgpackSave'));
}

/**
 * The tree {@link msgpackSave} writes (the msgpack codec's tree), its tensors as the model holds
 * them (lazy ones included).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when `model` is not a brainstate Module.
 * @example
 * ```ts
 * msgpackCodec.layout(msgpackTree(model));
 * ```
 */
export function msgpackTree(model: Module, call = 'msgpackTree'): Map<string, MsgpackInput> {
  requireModule(model, call);
  const root = new Map<string, MsgpackInput>();
  for (const [path, state] of states(model)) {
    const parts = path.split('/');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      let next = node.get(part) as Map<string, MsgpackInput> | undefined;
      if (!next) node.set(part, (next = new Map()));
      node = next;
    }
    node.set(parts[parts.length - 1]!, toMsgpack(state.value));
  }
  return root;
}

type Loaded = Tensor | Map<string, Loaded>;

/**
 * `graph.states(model).to_nest()` with each state replaced by its value: the tree
 * `braintools.file.msgpack_save` writes (int path parts as `'0'`, `'1'`; a dict-valued state such
 * as Linear's `{ weight, bias }` adds one level).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when `model` is not a brainstate Module.
 * @example
 * ```ts
 * stateDict(new nn.Linear(3, 5)); // { weight: { weight: Tensor, bias: Tensor } }
 * ```
 */
export function stateDict(model: Module): StateTree {
  return toNest(requireModule(model, 'stateDict'));
}

function shapeText(t: Tensor): string {
  return `[${t.shape.join(', ')}]`;
}

function restoreArray(target: Tensor, found: Loaded | undefined, path: string): Tensor {
  if (!(found instanceof Tensor)) {
    throw new InteropError('E_FORMAT_MISMATCH', `the file has no array at '${path}'`, {
      path,
      found: found === undefined ? '(missing)' : 'a dict',
    });
  }
  if (found.shape.length !== target.shape.length || found.shape.some((n, i) => n !== target.shape[i])) {
    throw new InteropError('E_SHAPE_MISMATCH', `the array at '${path}' has the wrong shape for this model`, {
      path,
      expected: shapeText(target),
      found: shapeText(found),
    });
  }
  return found;
}

function keysDiffer(path: string, expected: string[], found: string[]): never {
  throw new InteropError('E_FORMAT_MISMATCH', `the file's keys at '${path || '/'}' differ from the model's states`, {
    path,
    expected: expected.join(', ') || '(none)',
    found: found.join(', ') || '(none)',
    fix: 'Build the model with the same architecture (layers, bias flags, initState for cells) as the one that saved the file',
  });
}

function child(tree: Map<string, Loaded>, part: string, path: string): Loaded | undefined {
  if (!(tree instanceof Map))
    throw new InteropError('E_FORMAT_MISMATCH', `the file has an array where the model has a group at '${path}'`, { path });
  return tree.get(part);
}

/** The model's states as a nested map of key sets, to compare with the file's. */
function expectedKeys(model: Module): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (prefix: string, key: string) => {
    let s = out.get(prefix);
    if (!s) out.set(prefix, (s = new Set()));
    s.add(key);
  };
  for (const [path, state] of states(model)) {
    const parts = path.split('/');
    parts.forEach((p, i) => add(parts.slice(0, i).join('/'), p));
    if (!(state.value instanceof Tensor)) for (const k of Object.keys(state.value)) add(path, k);
  }
  return out;
}

function checkKeys(tree: Loaded, expected: Map<string, Set<string>>, path: string): void {
  if (!(tree instanceof Map)) return;
  const want = [...(expected.get(path) ?? [])];
  const got = [...tree.keys()].map(String);
  if (want.length !== got.length || got.some((k) => !want.includes(k))) keysDiffer(path, want, got);
  for (const [k, v] of tree) checkKeys(v, expected, path ? `${path}/${k}` : String(k));
}

/**
 * Restores the model's states in place from a nested tree of arrays (what `stateDict` returns or
 * a msgpack/safetensors file holds): key sets, array shapes and dict-valued states must match
 * the model, as `braintools.file.msgpack_load` checks in its default `'error'` mode; the file's
 * dtypes are kept.
 *
 * @throws {InteropError} E_FORMAT_MISMATCH for differing keys, E_SHAPE_MISMATCH for a differing shape.
 * @example
 * ```ts
 * loadStateDict(model, stateDict(other));
 * ```
 */
export function loadStateDict(model: Module, tree: StateTree | Map<string, Loaded>): Module {
  requireModule(model, 'loadStateDict');
  const root: Loaded = tree instanceof Map ? tree : nestToLoaded(tree);
  checkKeys(root, expectedKeys(model), '');
  const updates: Array<[State, StateValue]> = [];
  for (const [path, state] of states(model)) {
    const parts = path.split('/');
    let node: Loaded | undefined = root;
    parts.forEach((p, i) => {
      node = node === undefined ? undefined : child(node as Map<string, Loaded>, p, parts.slice(0, i + 1).join('/'));
    });
    const target = state.value;
    if (target instanceof Tensor) {
      updates.push([state, restoreArray(target, node, path)]);
    } else {
      if (!(node instanceof Map)) throw new InteropError('E_FORMAT_MISMATCH', `the file has no dict at '${path}'`, { path });
      const found: Map<string, Loaded> = node;
      const value: { [key: string]: Tensor } = {};
      for (const [k, t] of Object.entries(target)) value[k] = restoreArray(t, found.get(k), `${path}/${k}`);
      updates.push([state, value]);
    }
  }
  // Every check passed before any state changes: a refused file leaves the model as it was.
  for (const [state, value] of updates) state.value = value;
  return model;
}

function nestToLoaded(tree: StateTree): Map<string, Loaded> {
  return new Map(Object.entries(tree).map(([k, v]) => [k, v instanceof Tensor ? v : nestToLoaded(v)]));
}

function fromMsgpack(value: unknown, path: string): Loaded {
  if (value instanceof Tensor) return value;
  if (value instanceof Map) {
    const out = new Map<string, Loaded>();
    for (const [k, v] of value as Map<unknown, unknown>) out.set(String(k), fromMsgpack(v, path ? `${path}/${String(k)}` : String(k)));
    return out;
  }
  throw new InteropError('E_FORMAT_CORRUPT', 'a brainstate state file holds only arrays and dicts', { path, found: typeof value });
}

/**
 * Reads a `braintools.file.msgpack_save` file into the model's states in place, as
 * `braintools.file.msgpack_load(path, graph.states(model).to_nest())` does. Cells need
 * `initState(batch)` first when the file holds their hidden states, as in Python.
 *
 * @throws {InteropError} the format errors of the msgpack reader; E_FORMAT_MISMATCH /
 *   E_SHAPE_MISMATCH when the file does not fit the model.
 * @example
 * ```ts
 * msgpackLoad(model, await readFile('model.msgpack'));
 * ```
 */
export function msgpackLoad(model: Module, bytes: Uint8Array): Module {
  requireModule(model, 'msgpackLoad');
  expectBytes(bytes, 'brainstate.msgpackLoad(model, bytes)', 'a .msgpack file');
  return msgpackLoadTree(model, readFlaxMsgpack(bytes));
}

/**
 * {@link msgpackLoad} from the tree the msgpack codec opens (lazy tensors stay lazy).
 *
 * @throws {InteropError} E_FORMAT_CORRUPT for a tree that is not a dict of arrays;
 *   E_FORMAT_MISMATCH / E_SHAPE_MISMATCH when it does not fit the model.
 * @example
 * ```ts
 * msgpackLoadTree(model, msgpackCodec.openSource(source));
 * ```
 */
export function msgpackLoadTree(model: Module, msgpack: unknown): Module {
  requireModule(model, 'msgpackLoadTree');
  const tree = fromMsgpack(msgpack, '');
  if (!(tree instanceof Map)) throw new InteropError('E_FORMAT_CORRUPT', 'a brainstate state file must hold a dict of states');
  return loadStateDict(model, tree);
}

/**
 * The model's states as safetensors, keys the `/`-joined state paths (`layers/0/weight/weight`,
 * `running_mean`), a dict-valued state's keys as the last part.
 *
 * @example
 * ```ts
 * await writeFile('model.safetensors', safetensorsSave(model));
 * ```
 */
export function safetensorsSave(model: Module, metadata?: Readonly<Record<string, string>>): Uint8Array {
  return writeSafetensors(safetensorsTree(model, 'safetensorsSave'), metadata ?? null);
}

/**
 * The tensors {@link safetensorsSave} writes, by `/`-joined key (the safetensors codec's tree).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when `model` is not a brainstate Module.
 * @example
 * ```ts
 * safetensorsCodec.layout(safetensorsTree(model));
 * ```
 */
export function safetensorsTree(model: Module, call = 'safetensorsTree'): Map<string, Tensor> {
  requireModule(model, call);
  const flat = new Map<string, Tensor>();
  for (const [path, state] of states(model)) {
    const v = state.value;
    if (v instanceof Tensor) flat.set(path, v);
    else for (const [k, t] of Object.entries(v)) flat.set(`${path}/${k}`, t);
  }
  return flat;
}

/**
 * Restores the model's states in place from safetensors written by {@link safetensorsSave} (or
 * any file with the same `/`-joined keys).
 *
 * @throws {InteropError} the safetensors reader's errors; E_FORMAT_MISMATCH / E_SHAPE_MISMATCH when
 *   the file does not fit the model.
 * @example
 * ```ts
 * safetensorsLoad(model, await readFile('model.safetensors'));
 * ```
 */
export function safetensorsLoad(model: Module, bytes: Uint8Array): Module {
  requireModule(model, 'safetensorsLoad');
  expectBytes(bytes, 'brainstate.safetensorsLoad(model, bytes)', 'a .safetensors file');
  return safetensorsLoadTensors(model, readSafetensors(bytes).tensors);
}

/**
 * {@link safetensorsLoad} from tensors by `/`-joined key (the safetensors codec's tree).
 *
 * @throws {InteropError} as {@link safetensorsLoad}.
 * @example
 * ```ts
 * safetensorsLoadTensors(model, safetensorsCodec.openSource(source) as Map<string, Tensor>);
 * ```
 */
export function safetensorsLoadTensors(model: Module, tensors: ReadonlyMap<string, Tensor>): Module {
  requireModule(model, 'safetensorsLoadTensors');
  const root = new Map<string, Loaded>();
  for (const [key, tensor] of tensors) {
    const parts = key.split('/');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      let next = node.get(part);
      if (next === undefined) node.set(part, (next = new Map()));
      if (next instanceof Tensor) throw new InteropError('E_FORMAT_CORRUPT', `safetensors key '${key}' extends an array`, { path: key });
      node = next;
    }
    node.set(parts[parts.length - 1]!, tensor);
  }
  return loadStateDict(model, root);
}
