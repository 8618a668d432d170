import { defineMapping } from '@interop/core';
import type { ActivationIR, FlattenIR, SoftmaxIR } from '@interop/core';
import { EqxNode } from '../adapter.js';
import { Lambda } from '../modules/lambda.js';
import type { JaxNnName, LambdaOptions } from '../modules/lambda.js';

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
 * `eqx.nn.Lambda(jax.nn.<fn>)` ↔ `activation`: relu, gelu (exact and tanh), silu/swish, tanh,
 * sigmoid, softplus, elu, leaky_relu with its slope, identity. A Lambda around
 * `jax.nn.log_softmax` reads as a `softmax` op (its last Equinox axis moved channels-last), one
 * around `jnp.ravel` as a `flatten` (Equinox flattens C·H·W, so the engine reorders the Linear
 * that reads it, or refuses where it cannot).
 *
 * @example
 * ```ts
 * lambda.toIR(new EqxNode(new Lambda('gelu')), ctx); // { fn: 'gelu_tanh' }: jax.nn.gelu approximates by default
 * ```
 */
export const lambda = defineMapping({
  meta: {
    framework: 'equinox',
    layer: 'Lambda',
    ir: 'activation',
    status: 'stable',
    description: 'eqx.nn.Lambda(jax.nn activation) ↔ activation (log_softmax and ravel read as ops)',
  },
  layerType: Lambda,
  toIR: (node: EqxNode, ctx) => {
    const m = node.module as Lambda;
    return m.toIR({ inputShape: ctx.inputShape }) as ActivationIR;
  },
  fromIR: (ir: ActivationIR) => new EqxNode(lambdaFor(ir)),
});
