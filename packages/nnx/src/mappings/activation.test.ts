import { Tensor } from '@interop/core';
import { elu, gelu, geluExact, leakyRelu, relu, sigmoid, silu, softplus, tanh } from '../modules/activation.js';
import { tester } from '../__fixtures__/mapping.js';
import { activation } from './activation.js';

const input = Tensor.fromArray(new Float32Array([-2, -0.5, 0, 0.5, 2, 3]), [2, 3], 'float32');

tester.run(activation, {
  valid: [relu, gelu, geluExact, silu, tanh, sigmoid, softplus, elu, leakyRelu].map((layer) => ({ name: layer.fn, layer, input })),
});
