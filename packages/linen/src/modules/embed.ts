import type { EmbeddingIR } from '@interop/core';
import { varianceScaling } from '@interop/runtime';
import type { LinenRngScope } from '../rng-scope.js';
import type { DtypeOptions } from '../dtypes.js';
import { Module } from '../module.js';
import { requireLeaf, requireParams } from '../variables.js';
import type { Variables } from '../variables.js';
import { linenArgs, required } from '../args.js';
import type { FloatDType } from '@interop/runtime';
import type { PythonCall } from '@interop/core';

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

  readonly numEmbeddings: number;
  readonly features: number;

  constructor(
    ...args: PythonCall<[numEmbeddings: number, features: number], [dtype: FloatDType | null, paramDtype: FloatDType], DtypeOptions>
  ) {
    super();
    const a = linenArgs<DtypeOptions & { numEmbeddings?: number; features?: number }>(
      'Embed',
      ['numEmbeddings', 'features', 'dtype', 'paramDtype', 'embeddingInit', 'promoteDtype'],
      ['numEmbeddings', 'features', 'dtype', 'paramDtype'],
      args,
    );
    this.numEmbeddings = required('Embed', 'numEmbeddings', a.numEmbeddings);
    this.features = required('Embed', 'features', a.features);
    this.setDtypes(a);
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
