import { defineMapping, InteropError, UnsupportedStructureError } from '@interop/core';
import type { ActivationIR, ConversionContext, FlattenIR, SoftmaxIR } from '@interop/core';
import { EqxNode } from '../adapter.js';
import { Lambda } from '../modules/lambda.js';
import type { JaxNnName, LambdaOptions } from '../modules/lambda.js';
import { isOrderedRavel } from '../ravel-order.js';

/** The `eqx.nn.Lambda` that computes an IR activation (or a flatten / log-softmax op). */
function lambdaFor(ir: ActivationIR | FlattenIR | SoftmaxIR): Lambda {
  if (ir.kind === 'flatten') return new Lambda('ravel');
  if (ir.kind === 'softmax') return new Lambda('log_softmax');
  const { fn, alpha } = ir.params;
  const options: LambdaOptions = {};
  let name: JaxNnName;
  if (fn === 'gelu' || fn === 'gelu_tanh') [name, options.approximate] = ['gelu', fn === 'gelu_tanh'];
  else if (fn === 'leaky_relu') [name, options.negativeSlope] = ['leaky_relu', alpha ?? 0.01];
  else if (fn === 'elu') [name, options.alpha] = ['elu', alpha ?? 1];
  else name = fn;
  return new Lambda(name, options);
}

/**
 * Refuses a `jnp.ravel` layer whose C·H·W order differs from the IR's H·W·C and whose reading
 * Linear the adapter could not reorder (unknown shape, or no Linear reads it).
 */
function checkRavel(ctx: ConversionContext): void {
  const shape = ctx.inputShape;
  const trivial = shape !== undefined && (shape.length < 2 || shape[shape.length - 1] === 1 || shape.slice(0, -1).every((d) => d === 1));
  if (trivial) return;
  const fix = 'Let a Linear read the ravel (its columns are then reordered), or write the flatten as a forward step ({ "fn": "flatten" }); the .eqx file is the same, as a Lambda holds no leaves';
  if (shape === undefined) {
    throw new InteropError('E_MISSING_ARCH', 'Lambda(jnp.ravel) flattens a feature map of unknown shape, whose C·H·W order may differ from the H·W·C order of the other frameworks', {
      path: ctx.path,
      fix: `Pass a sample input, and: ${fix}`,
    });
  }
  throw new UnsupportedStructureError(`Lambda(jnp.ravel) flattens a [${shape.join(', ')}] (channels-last) map in C·H·W order, which the other frameworks flatten H·W·C, and no Linear reads it to be reordered`, {
    path: ctx.path,
    fix,
  });
}

/**
 * `eqx.nn.Lambda(jax.nn.<fn>)` ↔ `activation`: relu, gelu (exact and tanh), silu/swish, tanh,
 * sigmoid, softplus, elu, leaky_relu with its slope, identity. A Lambda around
 * `jax.nn.log_softmax` reads as a `softmax` op (its last Equinox axis moved channels-last), one
 * around `jnp.ravel` as a `flatten`: exact where the order is the same in both layouts (a vector,
 * one channel or one position) or where the adapter gave the Linear reading it H·W·C columns;
 * refused elsewhere.
 *
 * @example
 * ```ts
 * lambda.toIR(new EqxNode(new Lambda('gelu')), ctx); // { fn: 'gelu_tanh' }: jax.nn.gelu approximates by default
 * ```
 */
export const lambda = defineMapping({
  meta: { framework: 'equinox', layer: 'Lambda', ir: 'activation', status: 'stable', description: 'eqx.nn.Lambda(jax.nn activation) ↔ activation (log_softmax and ravel read as ops)' },
  layerType: Lambda,
  toIR: (node: EqxNode, ctx) => {
    const m = node.module as Lambda;
    if (m.fn === 'ravel' && !isOrderedRavel(m)) checkRavel(ctx);
    return m.toIR({ inputShape: ctx.inputShape }) as ActivationIR;
  },
  fromIR: (ir: ActivationIR) => new EqxNode(lambdaFor(ir)),
});
