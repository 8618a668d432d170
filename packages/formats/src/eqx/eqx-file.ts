import type { Tensor } from '@interop/core';
import { closingOnError, openInput } from '../io/input-file.js';
import { resolveLimits } from '../limits.js';
import type { NpyHeader } from '../npy/header.js';
import { npyRecordTensor, readNpyHeaderAt, recordSource } from '../npy/npy-file.js';
import { checkLeaf, tooFewLeaves, tooManyLeaves } from './eqx-leaves.js';
import type { LeafSpec, ReadEqxOptions } from './eqx-leaves.js';

/** An `.eqx` leaf stream opened for lazy reading. */
export interface EqxFile {
  /** The file path. */
  readonly path: string;
  /** Each record's npy header, in leaf order. */
  readonly headers: readonly NpyHeader[];
  /** Each leaf as a lazy tensor (nothing read until its values are needed). */
  readonly leaves: readonly Tensor[];
  /** Closes the file; read or write the leaves before. */
  close(): Promise<void>;
}

/**
 * Opens what `eqx.tree_serialise_leaves` wrote and reads only the record headers: every leaf
 * comes back as a lazy tensor. With `expected` (the model's leaves in order) each record is
 * checked as {@link readEqxLeaves} does; without, the file is split as {@link splitNpyStream}
 * does.
 *
 * @throws {InteropError} E_IO when the file cannot be opened; E_FORMAT_MISMATCH (leaf count,
 *   dtype, shape) and the npy codes, as the in-memory readers throw them.
 * @example
 * ```ts
 * const eqx = await openEqxLeaves('model.eqx', [{ path: 'weight', dtype: 'float32', shape: [8, 4] }, { path: 'bias', dtype: 'float32', shape: [8] }]);
 * const [weight, bias] = eqx.leaves;
 * ```
 */
export async function openEqxLeaves(path: string, expected?: readonly LeafSpec[], options: ReadEqxOptions = {}): Promise<EqxFile> {
  const input = await openInput(path);
  return closingOnError(input, async () => {
    const limits = resolveLimits(options.limits);
    const headers: NpyHeader[] = [];
    const leaves: Tensor[] = [];
    let at = 0;
    for (let i = 0; expected ? i < expected.length : at < input.size; i++) {
      const where = expected?.[i]?.path ?? `leaf ${i}`;
      if (expected && at >= input.size) throw tooFewLeaves(i, expected.length, where, at);
      const header = await readNpyHeaderAt(input.handle, at, input.size, limits, where);
      if (expected) checkLeaf(expected[i]!, i, header, at);
      headers.push(header);
      leaves.push(npyRecordTensor(header, recordSource(input.handle, header, `${path}: ${where}`)));
      at = header.dataOffset + header.byteLength;
    }
    if (expected && at !== input.size) throw tooManyLeaves(expected.length, at, input.size);
    return { path, headers, leaves, close: () => input.handle.close() };
  });
}
