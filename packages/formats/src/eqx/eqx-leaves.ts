import { Tensor } from '@interop/core';
import type { DType, InteropError } from '@interop/core';
import { formatError } from '../errors.js';
import type { ReadLimits } from '../limits.js';
import type { NpyHeader } from '../npy/header.js';
import { readNpyRecord } from '../npy/read-npy.js';
import type { NpyRecord } from '../npy/read-npy.js';
import { writeNpy } from '../npy/write-npy.js';

/** One leaf the reader expects, in `tree_serialise_leaves` order. */
export interface LeafSpec {
  /** Expected element type. */
  dtype: DType;
  /** Expected shape (`[]` for Python scalars). */
  shape: readonly number[];
  /** Name of the leaf in the model, for error messages (`layers/0/weight`). */
  path?: string;
}

/** Options of the Equinox leaf readers. */
export interface ReadEqxOptions {
  /** Size and depth bounds. */
  limits?: Partial<ReadLimits>;
}

/**
 * A leaf to write: a tensor, or a Python scalar as `eqx.tree_serialise_leaves` saves it
 * (`number` = Python float → 0-d float64, `bigint` = Python int → 0-d int64, `boolean` → 0-d bool).
 */
export type EqxLeaf = Tensor | number | bigint | boolean;

/**
 * Splits a stream of concatenated npy records (an `.eqx` file) into its records, without knowing
 * the model.
 *
 * @throws {InteropError} the codes of `readNpyRecord`, with the record index as path.
 * @example
 * ```ts
 * splitNpyStream(bytes).map((r) => r.tensor.shape);
 * ```
 */
export function splitNpyStream(bytes: Uint8Array, options: ReadEqxOptions = {}): NpyRecord[] {
  const out: NpyRecord[] = [];
  let at = 0;
  while (at < bytes.length) {
    const rec = readNpyRecord(bytes, at, { limits: options.limits, path: `leaf ${out.length}` });
    out.push(rec);
    at = rec.end;
  }
  return out;
}

/**
 * Reads what `eqx.tree_serialise_leaves` wrote, checking each record against the expected leaf
 * (the model skeleton in leaf order), as `tree_deserialise_leaves` does.
 *
 * @throws {InteropError} E_FORMAT_MISMATCH naming the leaf index and path, expected and found
 *   (dtype, shape, or leaf count); the npy codes for damaged records.
 * @example
 * ```ts
 * const [weight, bias] = readEqxLeaves(bytes, [
 *   { path: 'weight', dtype: 'float32', shape: [2, 3] },
 *   { path: 'bias', dtype: 'float32', shape: [2] },
 * ]);
 * ```
 */
export function readEqxLeaves(bytes: Uint8Array, expected: readonly LeafSpec[], options: ReadEqxOptions = {}): Tensor[] {
  const out: Tensor[] = [];
  let at = 0;
  for (let i = 0; i < expected.length; i++) {
    const path = expected[i]!.path ?? `leaf ${i}`;
    if (at >= bytes.length) throw tooFewLeaves(i, expected.length, path, at);
    const rec = readNpyRecord(bytes, at, { limits: options.limits, path });
    checkLeaf(expected[i]!, i, rec.header, at);
    out.push(rec.tensor);
    at = rec.end;
  }
  if (at !== bytes.length) throw tooManyLeaves(expected.length, at, bytes.length);
  return out;
}

/** The error for a file that ends after `found` of the model's `count` leaves. */
export function tooFewLeaves(found: number, count: number, path: string, offset: number): InteropError {
  return formatError('E_FORMAT_MISMATCH', `The file holds ${found} leaves but the model has ${count}`, {
    path,
    offset,
    expected: count,
    found,
    fix: 'Build the skeleton with the same class and hyperparameters the file was saved with',
  });
}

/** The error for a file with bytes left after the model's `count` leaves. */
export function tooManyLeaves(count: number, offset: number, size: number): InteropError {
  return formatError('E_FORMAT_MISMATCH', `The file holds more leaves than the model's ${count}`, {
    offset,
    expected: `${offset} bytes`,
    found: size,
  });
}

/**
 * Checks that record `i` (its header, at `offset`) is the leaf the model expects.
 *
 * @throws {InteropError} E_FORMAT_MISMATCH naming the leaf, expected and found dtype and shape.
 */
export function checkLeaf(spec: LeafSpec, i: number, header: NpyHeader, offset: number): void {
  const same =
    header.dtype === spec.dtype && header.shape.length === spec.shape.length && header.shape.every((d, k) => d === spec.shape[k]);
  if (!same) {
    throw formatError('E_FORMAT_MISMATCH', `Leaf ${i} does not match the model`, {
      path: spec.path ?? `leaf ${i}`,
      offset,
      leaf: i,
      expected: `${spec.dtype}[${spec.shape.join(', ')}]`,
      found: `${header.dtype}[${header.shape.join(', ')}]`,
    });
  }
}

/**
 * The tensor a leaf is written as: Python floats as 0-d float64, ints as 0-d int64, bools as 0-d
 * bool.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for anything else.
 */
export function eqxLeafTensor(leaf: EqxLeaf): Tensor {
  if (leaf instanceof Tensor) return leaf;
  if (typeof leaf === 'number') return new Tensor('float64', [], Float64Array.of(leaf));
  if (typeof leaf === 'bigint') return new Tensor('int64', [], BigInt64Array.of(leaf));
  if (typeof leaf === 'boolean') return new Tensor('bool', [], Uint8Array.of(leaf ? 1 : 0));
  throw formatError('E_INVALID_ARGUMENT', 'An Equinox leaf must be a Tensor, number, bigint or boolean', {
    found: typeof leaf,
  });
}

/**
 * Writes leaves as `eqx.tree_serialise_leaves` does: one npy record per leaf, concatenated, with
 * Python scalars as 0-d arrays. Pass the leaves in the model's leaf order.
 *
 * @example
 * ```ts
 * const bytes = writeEqxLeaves([weight, bias, 0.1, true]); // Dropout p and inference
 * ```
 */
export function writeEqxLeaves(leaves: readonly EqxLeaf[]): Uint8Array {
  const records = leaves.map((l) => writeNpy(eqxLeafTensor(l)));
  const out = new Uint8Array(records.reduce((s, r) => s + r.length, 0));
  let at = 0;
  for (const r of records) {
    out.set(r, at);
    at += r.length;
  }
  return out;
}
