import { defineMapping } from '@interop/core';
import type { FlattenIR } from '@interop/core';
import { EqxNode } from '../adapter.js';
import { Lambda } from '../modules/lambda.js';
import { lambda } from './lambda.js';

/**
 * The key this mapping is registered under: Equinox has no flatten class, and reading a
 * `Lambda(jnp.ravel)` goes through the `Lambda` mapping, so no layer is ever of this type.
 */
abstract class RavelLambda extends Lambda {}

/**
 * `flatten` → `eqx.nn.Lambda(jnp.ravel)`, for a flatten that is a layer (a list item, BrainState's
 * `Flatten`): Equinox ravels C·H·W, so the adapter moves the columns of the Linear reading it
 * from H·W·C to C·H·W order (and refuses where nothing can be reordered).
 *
 * @example
 * ```ts
 * ravel.fromIR({ kind: 'flatten', params: {}, tensors: {} }, ctx).module; // Lambda('ravel')
 * ```
 */
export const ravel = defineMapping({
  meta: {
    framework: 'equinox',
    layer: 'LambdaRavel',
    ir: 'flatten',
    status: 'stable',
    description: 'flatten → eqx.nn.Lambda(jnp.ravel) (its reading Linear reordered to C·H·W)',
    listed: false,
  },
  layerType: RavelLambda,
  toIR: (node: EqxNode, ctx) => lambda.toIR(node, ctx) as unknown as FlattenIR,
  fromIR: (_ir: FlattenIR) => new EqxNode(new Lambda('ravel')),
});
