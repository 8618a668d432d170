import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { tester } from '../__fixtures__/tester.js';
import { ELU, GELU, LeakyReLU, ReLU, SiLU, Sigmoid, Softplus, Tanh } from '../modules/activation.js';
import { activationLayers } from './activation-layers.js';

const x = Tensor.fromArray([-2, -0.5, 0, 0.5, 2, 3], [2, 3], 'float32');

tester.run(activationLayers.ReLU, { valid: [{ name: 'ReLU', layer: new ReLU(), input: x }] });
tester.run(activationLayers.Tanh, { valid: [{ name: 'Tanh', layer: new Tanh(), input: x }] });
tester.run(activationLayers.Sigmoid, { valid: [{ name: 'Sigmoid', layer: new Sigmoid(), input: x }] });
tester.run(activationLayers.SiLU, { valid: [{ name: 'SiLU', layer: new SiLU(), input: x }] });
tester.run(activationLayers.Softplus, { valid: [{ name: 'Softplus', layer: new Softplus(), input: x }] });
tester.run(activationLayers.GELU, {
  valid: [
    { name: 'GELU exact', layer: new GELU(false), input: x },
    { name: 'GELU tanh', layer: new GELU(true), input: x },
  ],
});
tester.run(activationLayers.LeakyReLU, { valid: [{ name: 'LeakyReLU(0.2)', layer: new LeakyReLU(0.2), input: x }] });
tester.run(activationLayers.ELU, { valid: [{ name: 'ELU(0.5)', layer: new ELU(0.5), input: x }] });

describe('activation layers ↔ activation', () => {
  it('build the BrainState class of their function, slope and alpha kept', () => {
    const ir = (fn: string, alpha?: number) =>
      ({ kind: 'activation' as const, params: alpha === undefined ? { fn } : { fn, alpha }, tensors: {} }) as never;
    expect(activationLayers.ELU.fromIR(ir('elu', 0.5), {} as never)).toEqual(new ELU(0.5));
    expect(activationLayers.LeakyReLU.fromIR(ir('leaky_relu', 0.2), {} as never)).toEqual(new LeakyReLU(0.2));
    expect(activationLayers.GELU.fromIR(ir('gelu_tanh'), {} as never)).toEqual(new GELU(true));
    expect(activationLayers.ReLU.accepts!(ir('relu'))).toBe(true);
    expect(activationLayers.ReLU.accepts!(ir('tanh'))).toBe(false);
  });
});
