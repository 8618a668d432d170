import type { EmbeddingIR, PythonCall } from '@interop/core';
import { varianceScaling } from '@interop/runtime';
import type { Rngs } from '../rngs.js';
import { nnxArgs, required } from '../args.js';
import type { DtypeOptions } from '../dtypes.js';
import { Module } from '../module.js';
import { initParam, requireRngs } from '../rngs.js';
import type { Param } from '../variables.js';

/** Keyword arguments of {@link Embed}. */
export interface EmbedOptions extends DtypeOptions {
  /** Key streams for the table (required, as in NNX). */
  rngs: Rngs;
}

/**
 * `flax.nnx.Embed(num_embeddings, features, *, ...)`: a table `(num_embeddings, features)`
 * drawn as `variance_scaling(1, 'fan_in', 'normal', out_axis=0)`; `call(ids)` looks rows up.
 *
 * @example
 * ```ts
 * const embed = new Embed(10, 6, { rngs: new Rngs(0) });
 * const y = embed.call(ids); // int32 ids → [..., 6]
 * ```
 */
export class Embed extends Module {
  readonly type = 'Embed';
  readonly numEmbeddings: number;
  readonly features: number;
  embedding: Param;

  constructor(...args: PythonCall<[numEmbeddings: number, features: number], [], EmbedOptions>) {
    super();
    const a = nnxArgs<EmbedOptions & { numEmbeddings?: number; features?: number }>(
      'Embed',
      ['numEmbeddings', 'features', 'dtype', 'paramDtype', 'embeddingInit', 'promoteDtype', 'rngs', 'embeddingMetadata'],
      2,
      ['numEmbeddings', 'features', 'dtype', 'paramDtype', 'rngs'],
      args,
    );
    this.numEmbeddings = required('Embed', 'numEmbeddings', a.numEmbeddings);
    this.features = required('Embed', 'features', a.features);
    this.setDtypes(a);
    const init = varianceScaling(1, 'fan_in', 'normal', { outAxis: 0 });
    this.embedding = initParam(requireRngs('Embed', a.rngs), init, [this.numEmbeddings, this.features], this.paramDtype);
  }

  toIR(): EmbeddingIR {
    const embedding = this.embedding.value;
    return { kind: 'embedding', params: { numEmbeddings: embedding.shape[0]!, features: embedding.shape[1]! }, tensors: { embedding } };
  }
}
