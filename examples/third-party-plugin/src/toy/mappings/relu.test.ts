import { Tensor } from '@interop/core';
import { createMappingTester } from '@interop/testing';
import { ReLU } from '../model.js';
import { relu } from './relu.js';

createMappingTester({ runLayer: (layer: ReLU, input) => layer.call(input) }).run(relu, {
  valid: [
    { name: 'relu round trips and computes max(x, 0)', layer: new ReLU(), input: Tensor.fromArray([-1, 2, -3, 4], [2, 2], 'float32') },
  ],
  invalid: [
    { name: 'another activation function', ir: { kind: 'activation', params: { fn: 'tanh' }, tensors: {} }, error: 'E_CONVERSION' },
  ],
});
