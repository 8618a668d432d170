import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { tester } from '../__fixtures__/tester.js';
import { Activation, ELU, GELU, LeakyReLU, ReLU, Tanh } from '../modules/activation.js';
import { activation } from './activation.js';

const x = Tensor.fromArray([-2, -0.5, 0, 0.5, 2, 3], [2, 3], 'float32');

tester.run(activation, {
  valid: [
    { name: 'ReLU', layer: new ReLU(), input: x },
    { name: 'Tanh', layer: new Tanh(), input: x },
    { name: 'GELU exact', layer: new GELU(false), input: x },
    { name: 'GELU tanh', layer: new GELU(true), input: x },
    { name: 'LeakyReLU(0.2)', layer: new LeakyReLU(0.2), input: x },
    { name: 'ELU(0.5)', layer: new ELU(0.5), input: x },
    { name: 'jax.nn.silu', layer: new Activation('silu'), input: x },
  ],
});

describe('activations ↔ activation', () => {
  it('keep their slope and alpha', () => {
    expect(activation.toIR(new LeakyReLU(0.2), {} as never).params).toEqual({ fn: 'leaky_relu', alpha: 0.2 });
    expect((activation.fromIR({ kind: 'activation', params: { fn: 'elu', alpha: 0.5 }, tensors: {} }, {} as never) as ELU).alpha).toBe(0.5);
  });
});
