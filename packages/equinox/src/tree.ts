import { InteropError, Tensor, expectBytes } from '@interop/core';
import { readEqxLeaves, splitNpyStream, writeEqxLeaves } from '@interop/formats';
import type { LeafSpec, ReadEqxOptions } from '@interop/formats';
import { Module } from './module.js';
import { State, StateIndex } from './state.js';
import type { StateValue } from './state.js';

/** Options of {@link treeDeserialiseLeaves}. */
export interface DeserialiseOptions extends ReadEqxOptions {
  /**
   * Take each float leaf's dtype from the file instead of requiring the skeleton's (for a
   * skeleton built without its `dtype`, e.g. from a module record that does not list it).
   * Equinox itself requires equal dtypes. @default false
   */
  fileFloatDtypes?: boolean;
}

const FLOATS: readonly string[] = ['float16', 'bfloat16', 'float32', 'float64'];

/** An array-like leaf: an array, or a Python float or bool field (saved as a 0-d array). */
export type Leaf = Tensor | number | boolean;

/** A leaf with its key path as `jax.tree_util.keystr` writes it (`.layers[0].weight`). */
export interface PathLeaf {
  path: string;
  leaf: Leaf;
}

function visit(tree: unknown, path: string, out: PathLeaf[]): void {
  if (tree instanceof Tensor || typeof tree === 'number' || typeof tree === 'boolean') out.push({ path, leaf: tree });
  else if (tree instanceof State) tree.values().forEach((v, i) => visit(v, `${path}[<flat index ${i}>]`, out));
  else if (Array.isArray(tree)) tree.forEach((t, i) => visit(t, `${path}[${i}]`, out));
  else if (tree instanceof Module) {
    for (const [name, prop] of tree.treeFields()) visit(tree.fieldValue(prop), `${path}.${name}`, out);
  }
  // null (an absent bias), strings (axis_name), StateIndex and functions hold no array leaves.
}

/**
 * The array-like leaves of a model, a `[model, state]` pair or a State, in
 * `jax.tree_util.tree_flatten_with_path` order: fields in declaration order, static fields and
 * `None` skipped, State entries in the model's order.
 *
 * @example
 * ```ts
 * treeLeaves(new Linear(3, 5, { key: key(0) })).map((l) => l.path); // ['.weight', '.bias']
 * ```
 */
export function treeLeaves(tree: unknown): PathLeaf[] {
  const out: PathLeaf[] = [];
  visit(tree, '', out);
  return out;
}

function specOf({ path, leaf }: PathLeaf): LeafSpec {
  if (leaf instanceof Tensor) return { path, dtype: leaf.dtype, shape: leaf.shape };
  return { path, dtype: typeof leaf === 'number' ? 'float64' : 'bool', shape: [] };
}

function rebuild(like: unknown, next: () => Tensor): unknown {
  if (like instanceof Tensor) return next();
  if (typeof like === 'number') return Number(next().toFloat64()[0]);
  if (typeof like === 'boolean') return (next().data as Uint8Array)[0] !== 0;
  if (like instanceof State) return like.withValues(like.values().map((v) => rebuild(v, next) as StateValue));
  if (Array.isArray(like)) return like.map((t) => rebuild(t, next));
  if (like instanceof Module) {
    const patch: Record<string, unknown> = {};
    for (const [, prop] of like.treeFields()) patch[prop] = rebuild(like.fieldValue(prop), next);
    return like.replace(patch);
  }
  return like;
}

/**
 * `like` with its leaves replaced, in {@link treeLeaves} order (Python scalars from 0-d arrays).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when the count differs.
 * @example
 * ```ts
 * const moved = treeWithLeaves(model, treeLeaves(model).map((l) => l.leaf));
 * ```
 */
export function treeWithLeaves<T>(like: T, leaves: readonly Leaf[]): T {
  const expected = treeLeaves(like).length;
  if (leaves.length !== expected) {
    throw new InteropError('E_INVALID_ARGUMENT', `The model has ${expected} leaves, got ${leaves.length}`);
  }
  let i = 0;
  const tensors = leaves.map((l) =>
    l instanceof Tensor ? l : typeof l === 'number' ? Tensor.fromArray([l], [], 'float64') : Tensor.fromArray([l ? 1 : 0], [], 'bool'),
  );
  return rebuild(like, () => tensors[i++]!) as T;
}

/**
 * `eqx.tree_serialise_leaves(f, tree)`: one npy record per array-like leaf, in leaf order. Save
 * a stateful model as `[model, state]`, as Equinox users do; a model without array leaves
 * gives an empty file.
 *
 * @example
 * ```ts
 * await writeFile('model.eqx', treeSerialiseLeaves([model, state]));
 * ```
 */
export function treeSerialiseLeaves(tree: unknown): Uint8Array {
  return writeEqxLeaves(treeLeaves(tree).map((l) => l.leaf));
}

/**
 * `eqx.tree_deserialise_leaves(f, like)`: `like` (a model built with the same hyperparameters,
 * or `[model, state]`) with every leaf read from the file, each checked against the skeleton's
 * dtype and shape.
 *
 * @throws {InteropError} E_FORMAT_MISMATCH naming the leaf path when the file does not fit the
 *   skeleton (count, dtype or shape); the npy codes for a damaged file.
 * @example
 * ```ts
 * const [model, state] = treeDeserialiseLeaves(bytes, makeWithState(BatchNorm)(3, 'batch'));
 * ```
 */
export function treeDeserialiseLeaves<T>(bytes: Uint8Array, like: T, options: DeserialiseOptions = {}): T {
  expectBytes(bytes, 'equinox.treeDeserialiseLeaves(bytes, like)', 'an .eqx file');
  let specs = treeLeaves(like).map(specOf);
  if (options.fileFloatDtypes) {
    const found = splitNpyStream(bytes, options).map((r) => r.tensor.dtype);
    specs = specs.map((s, i) => (FLOATS.includes(s.dtype) && FLOATS.includes(found[i] ?? '') ? { ...s, dtype: found[i]! } : s));
  }
  const tensors = readEqxLeaves(bytes, specs, options);
  let i = 0;
  return rebuild(like, () => tensors[i++]!) as T;
}

/**
 * `like` with its leaves taken from a leaf stream's tree as the eqx codec opens it (lazy tensors
 * stay lazy; Python scalars as `writeTree` gives them are accepted too), each checked against
 * the skeleton's dtype and shape as {@link treeDeserialiseLeaves} checks the file's records.
 *
 * @throws {InteropError} E_FORMAT_MISMATCH naming the leaf when the tree does not fit the skeleton.
 * @example
 * ```ts
 * const model = treeFromLeaves(eqxCodec.openSource(source) as Tensor[], skeleton);
 * ```
 */
export function treeFromLeaves<T>(leaves: readonly unknown[], like: T, options: Pick<DeserialiseOptions, 'fileFloatDtypes'> = {}): T {
  const tensors = leaves.map((l) =>
    l instanceof Tensor
      ? l
      : typeof l === 'boolean'
        ? Tensor.fromArray([l ? 1 : 0], [], 'bool')
        : Tensor.fromArray([Number(l)], [], 'float64'),
  );
  const specs = treeLeaves(like).map(specOf);
  const fix = 'Build the skeleton with the same class and hyperparameters the file was saved with';
  if (tensors.length !== specs.length) {
    const fewer = tensors.length < specs.length;
    throw new InteropError(
      'E_FORMAT_MISMATCH',
      fewer
        ? `The file holds ${tensors.length} leaves but the model has ${specs.length}`
        : `The file holds more leaves than the model's ${specs.length}`,
      { path: specs[tensors.length]?.path ?? `leaf ${specs.length}`, expected: specs.length, found: tensors.length, fix },
    );
  }
  specs.forEach((s, i) => {
    const t = tensors[i]!;
    const dtype = options.fileFloatDtypes && FLOATS.includes(s.dtype) && FLOATS.includes(t.dtype) ? t.dtype : s.dtype;
    if (t.dtype !== dtype || t.shape.length !== s.shape.length || t.shape.some((d, k) => d !== s.shape[k])) {
      throw new InteropError('E_FORMAT_MISMATCH', `Leaf ${i} does not match the model`, {
        path: s.path,
        leaf: i,
        expected: `${dtype}[${s.shape.join(', ')}]`,
        found: `${t.dtype}[${t.shape.join(', ')}]`,
      });
    }
  });
  let i = 0;
  return rebuild(like, () => tensors[i++]!) as T;
}

export { StateIndex };
