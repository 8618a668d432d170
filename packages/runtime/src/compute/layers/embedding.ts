import { InteropError } from '@interop/core';
import type { EmbeddingIR, Tensor } from '@interop/core';
import type { Activation, LayerContext } from './context.js';
import { expectIR, isPositiveInt, weight } from './context.js';

/**
 * Embedding lookup: integer ids `[batch, ...]` to `[batch, ..., features]`. Pure gathering, so
 * every backend returns the table's values exactly.
 *
 * @throws {InteropError} E_DTYPE for non-integer ids; E_INVALID_ARGUMENT for ids out of range.
 * @example
 * ```ts
 * const y = runEmbedding(ir, Tensor.fromArray([0, 2], [2], 'int32'), ctx); // y.shape [2, features]
 * ```
 */
export function runEmbedding(ir: EmbeddingIR, ids: Tensor, ctx: LayerContext): Activation {
  const { numEmbeddings, features } = ir.params;
  expectIR(isPositiveInt(numEmbeddings) && isPositiveInt(features), ir, 'numEmbeddings/features must be positive integers', ir.params);
  if (!/^u?int/.test(ids.dtype)) {
    throw new InteropError('E_DTYPE', 'Embedding ids must be an integer tensor', {
      expected: 'int8..int64 or uint8..uint64',
      found: ids.dtype,
    });
  }
  const table = weight(ir, 'embedding', [numEmbeddings, features], ctx)!;
  const data = ctx.backend.alloc(ids.size * features);
  for (let i = 0; i < ids.size; i++) {
    const id = Number(ids.data[i]);
    if (id < 0 || id >= numEmbeddings) {
      throw new InteropError('E_INVALID_ARGUMENT', 'Embedding id out of range', {
        expected: `0 <= id < ${numEmbeddings}`,
        found: `${id} at flat index ${i}`,
      });
    }
    data.set(table.subarray(id * features, (id + 1) * features), i * features);
  }
  return { data, shape: [...ids.shape, features] };
}
