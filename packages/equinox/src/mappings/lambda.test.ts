import { createConversionContext, Tensor } from '@interop/core';
import type { ActivationIR } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { EqxNode } from '../adapter.js';
import { tester } from '../__fixtures__/mapping.js';
import { Lambda } from '../modules/lambda.js';
import { lambda } from './lambda.js';

const x = Tensor.fromArray([-2, -0.5, 0, 0.5, 2, 3], [2, 3], 'float32');
const irs: ActivationIR['params'][] = [
  { fn: 'relu' }, { fn: 'gelu' }, { fn: 'gelu_tanh' }, { fn: 'silu' }, { fn: 'tanh' }, { fn: 'sigmoid' },
  { fn: 'softplus' }, { fn: 'elu', alpha: 0.5 }, { fn: 'leaky_relu', alpha: 0.2 }, { fn: 'identity' },
];
const ctx = createConversionContext({ framework: 'equinox', direction: 'fromIR' });

tester.run(lambda, {
  valid: irs.map((params) => ({ name: JSON.stringify(params), layer: lambda.fromIR({ kind: 'activation', params, tensors: {} }, ctx), input: x })),
});

describe('Lambda ↔ activation', () => {
  const read = (m: Lambda) => lambda.toIR(new EqxNode(m), ctx).params;
  it('jax.nn.gelu approximates by default; approximate=False is exact', () => {
    expect(read(new Lambda('gelu'))).toEqual({ fn: 'gelu_tanh' });
    expect(read(new Lambda('gelu', { approximate: false }))).toEqual({ fn: 'gelu' });
  });
  it('swish is silu; leaky_relu keeps its slope (0.01 by default)', () => {
    expect(read(new Lambda('swish'))).toEqual({ fn: 'silu' });
    expect(read(new Lambda('leaky_relu'))).toEqual({ fn: 'leaky_relu', alpha: 0.01 });
    expect(read(new Lambda('leaky_relu', { negativeSlope: 0.3 }))).toEqual({ fn: 'leaky_relu', alpha: 0.3 });
  });
  it('refuses a name that is not a jax.nn activation', () => {
    expect(() => new Lambda('softmax' as never)).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });
});
