import { InteropError } from '@interop/core';
import type { DType, EmbeddingIR, Tensor } from '@interop/core';
import type { KeyLike } from '@interop/runtime';
import { parseArgs } from '../args.js';
import type { Args } from '../args.js';
import { Layer } from '../module.js';
import type { TreeField } from '../module.js';
import type { CallOptions, DtypeOption } from './common.js';
import { embeddingInit } from './default-init.js';

/** Keyword arguments of {@link Embedding}. */
export interface EmbeddingOptions extends DtypeOption {
  /** Draws the table; needed unless `weight` is given (Equinox's `key=None` default). */
  key?: KeyLike | null;
  numEmbeddings?: number | null;
  embeddingSize?: number | null;
  /** A given table instead of a random one. */
  weight?: Tensor | null;
}

const FIELDS: readonly TreeField[] = [['weight', 'weight']];

/**
 * `eqx.nn.Embedding(num_embeddings, embedding_size, key=...)` (standard normal table drawn from
 * `key`) or `Embedding(weight=table)`; called on one integer index.
 *
 * @example
 * ```ts
 * const emb = new Embedding(7, 4, { key: key(0) });
 * emb.call(Tensor.fromArray([3], [], 'int32')).shape; // [4]
 * ```
 */
export class Embedding extends Layer {
  declare readonly numEmbeddings: number;
  declare readonly embeddingSize: number;
  declare readonly weight: Tensor;

  constructor(
    ...rest: Args<
      [numEmbeddings: number | null, embeddingSize: number | null, weight: Tensor | null, dtype: DType | null],
      EmbeddingOptions
    >
  ) {
    super();
    const o = parseArgs<EmbeddingOptions>('Embedding', ['numEmbeddings', 'embeddingSize', 'weight', 'dtype'], rest, ['key']);
    let weight = o.weight ?? null;
    if (weight === null) {
      if (o.numEmbeddings == null || o.embeddingSize == null || o.key == null) {
        throw new InteropError('E_INVALID_ARGUMENT', 'Embedding needs num_embeddings, embedding_size and key, or weight');
      }
      weight = embeddingInit(o.key, o.numEmbeddings, o.embeddingSize, { dtype: (o.dtype ?? 'float32') as 'float32' }).weight;
    } else if (
      weight.ndim !== 2 ||
      (o.numEmbeddings != null && o.numEmbeddings !== weight.shape[0]) ||
      (o.embeddingSize != null && o.embeddingSize !== weight.shape[1])
    ) {
      throw new InteropError('E_SHAPE_MISMATCH', 'Embedding weight must have shape (num_embeddings, embedding_size)', {
        found: `[${weight.shape.join(', ')}]`,
      });
    }
    Object.assign(this, { numEmbeddings: weight.shape[0], embeddingSize: weight.shape[1], weight });
    Object.freeze(this);
  }

  get type(): string {
    return 'Embedding';
  }

  treeFields(): readonly TreeField[] {
    return FIELDS;
  }

  toIR(): EmbeddingIR {
    return {
      kind: 'embedding',
      params: { numEmbeddings: this.numEmbeddings, features: this.embeddingSize },
      tensors: { embedding: this.weight },
    };
  }

  protected resultDtype(): DType {
    return this.weight.dtype;
  }

  /** `embedding(x)` for one index `x` (shape `()`), giving `(embedding_size,)`. */
  call(x: Tensor, _options: CallOptions = {}): Tensor {
    if (x.ndim !== 0)
      throw new InteropError('E_SHAPE_MISMATCH', 'Embedding is called on one index of shape ()', {
        found: `[${x.shape.join(', ')}]`,
        fix: 'For a batch, use vmap(embedding)(ids)',
      });
    return this.runOne(x);
  }

  /** `jax.vmap(embedding)(ids)`: `ids` of shape `(batch,)`. */
  callBatch(ids: Tensor, _options: CallOptions = {}): Tensor {
    return this.runBatch(ids);
  }
}
