import type { EmbeddingIR } from '@interop/core';
import { varianceScaling } from '@interop/runtime';
import type { LinenRngScope } from '@interop/runtime';
import type { DtypeOptions } from '../dtypes.js';
import { Module } from '../module.js';
import { requireLeaf, requireParams } from '../variables.js';
import type { Variables } from '../variables.js';

/**
 * `flax.linen.Embed(num_embeddings, features)`: `embedding (N, F)`, initialised with
 * `variance_scaling(1, 'fan_in', 'normal', out_axis=0)`; integer ids in, vectors out.
 *
 * @example
 * ```ts
 * const embed = new Embed(10, 6);
 * const vectors = embed.apply(embed.init(key(0), ids), ids);
 * ```
 */
export class Embed extends Module {
  readonly type = 'Embed';

  constructor(
    readonly numEmbeddings: number,
    readonly features: number,
    options: DtypeOptions = {},
  ) {
    super();
    this.setDtypes(options);
  }

  initVariables(scope: LinenRngScope): Variables {
    const init = varianceScaling(1, 'fan_in', 'normal', { outAxis: 0 });
    return { params: { embedding: init(scope.makeRng(), [this.numEmbeddings, this.features], this.paramDtype) } };
  }

  toIR(variables: Variables): EmbeddingIR {
    const embedding = requireLeaf(requireParams(variables, this.type), 'embedding', this.type);
    return { kind: 'embedding', params: { numEmbeddings: embedding.shape[0]!, features: embedding.shape[1]! }, tensors: { embedding } };
  }
}
