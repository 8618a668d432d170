import { InteropError, Tensor, isShapeOnly } from '@interop/core';
import type { EmbeddingIR } from '@interop/core';
import { bstArgs, required, toSize } from '../args.js';
import { Module } from '../module.js';
import type { GraphNode } from '../module.js';
import { initParam, runBatched } from '../run.js';
import type { InitArg } from '../run.js';
import { ParamState } from '../state.js';
import { requireArray } from './require.js';
import type { FloatDType } from '@interop/runtime';

/** Keyword arguments of {@link Embedding}. */
export interface EmbeddingOptions {
  numEmbeddings?: number;
  embeddingSize?: number | number[];
  /** @default 'LecunUniform' */
  embeddingInit?: InitArg;
  /** A row set to zeros at construction. @default null */
  paddingIdx?: number | null;
  /** Not modelled: only null. */
  maxNorm?: null;
  normType?: number;
  scaleGradByFreq?: boolean;
  freeze?: boolean;
  name?: string;
}

/**
 * `brainstate.nn.Embedding(num_embeddings, embedding_size, embedding_init=LecunUniform(), ...)`:
 * state `weight: ParamState` holding the table `(num, *embedding_size)` itself (no dict);
 * `out_size` is `embedding_size`. Integer indices only.
 *
 * @example
 * ```ts
 * new Embedding(7, 4).call(Tensor.fromArray([0, 3], [2], 'int32')); // [2, 4]
 * ```
 */
export class Embedding extends Module {
  readonly type = 'Embedding';
  readonly weight: ParamState<Tensor>;
  readonly numEmbeddings: number;
  readonly embeddingSize: number[];
  readonly paddingIdx: number | null;
  declare outSize: number[];

  constructor(
    numEmbeddings: number,
    embeddingSize: number | number[],
    embeddingInit?: InitArg,
    paddingIdx?: number | null,
    options?: EmbeddingOptions,
  );
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const a = bstArgs<EmbeddingOptions>(
      'Embedding',
      [
        'numEmbeddings',
        'embeddingSize',
        'embeddingInit',
        'paddingIdx',
        'maxNorm',
        'normType',
        'scaleGradByFreq',
        'freeze',
        'name',
        'paramType',
      ],
      [],
      args,
    );
    this.numEmbeddings = required('Embedding', 'numEmbeddings', a.numEmbeddings);
    this.embeddingSize = toSize(required('Embedding', 'embeddingSize', a.embeddingSize), 'Embedding', 'embeddingSize');
    this.outSize = [...this.embeddingSize];
    if (a.maxNorm !== undefined && a.maxNorm !== null) {
      throw new InteropError('E_INVALID_ARGUMENT', 'Embedding max_norm (renormalising rows on lookup) is not modelled here', {
        fix: 'Leave maxNorm at null',
      });
    }
    this.paddingIdx = a.paddingIdx ?? null;
    let table = initParam(a.embeddingInit ?? 'LecunUniform', [this.numEmbeddings, ...this.embeddingSize], 'Embedding weight');
    if (this.paddingIdx !== null) {
      if (!(this.paddingIdx >= 0 && this.paddingIdx < this.numEmbeddings))
        throw new InteropError('E_INVALID_ARGUMENT', `padding_idx must be within [0, ${this.numEmbeddings})`);
      // A shape-only table has no values to zero: the file's table replaces it.
      if (!isShapeOnly()) {
        const values = table.toArray();
        const row = table.size / this.numEmbeddings;
        values.fill(0, this.paddingIdx * row, (this.paddingIdx + 1) * row);
        table = Tensor.fromArray(values, table.shape, table.dtype as FloatDType);
      }
    }
    this.weight = new ParamState(table);
  }

  override graphNodes(): Array<[string, GraphNode]> {
    return [['weight', this.weight]];
  }

  toIR(): EmbeddingIR {
    const table = requireArray(this.weight, 'Embedding', 'weight');
    if (table.ndim !== 2) {
      throw new InteropError(
        'E_UNSUPPORTED_LAYER',
        'Embedding with a multi-dimensional embedding_size has no embedding IR (a table [num, features])',
        { found: `[${table.shape.join(', ')}]` },
      );
    }
    return { kind: 'embedding', params: { numEmbeddings: table.shape[0]!, features: table.shape[1]! }, tensors: { embedding: table } };
  }

  call(indices: Tensor): Tensor {
    if (!(indices instanceof Tensor) || !/^u?int/.test(indices.dtype)) {
      throw new InteropError('E_DTYPE', 'Embedding indices must be integers.', {
        found: indices instanceof Tensor ? indices.dtype : typeof indices,
      });
    }
    return runBatched(this.toIR(), indices, 0, requireArray(this.weight, 'Embedding', 'weight').dtype as FloatDType);
  }
}
