import { Tensor } from '@interop/core';
import { createMappingTester } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { LinenNode } from '../adapter.js';
import { Activation, elu, gelu, geluExact, leakyRelu, relu, sigmoid, silu, softplus, tanh } from '../modules/activation.js';
import { moduleFromSpec } from '../spec.js';
import { moduleToSpec } from '../to-spec.js';
import { activation } from './activation.js';

const tester = createMappingTester({ runLayer: (node: LinenNode, x) => node.module.apply(node.variables, x) });
const input = Tensor.fromArray([-2, -0.5, 0, 0.5, 2, 3], [2, 3], 'float32');
const all = [
  relu,
  gelu,
  geluExact,
  silu,
  tanh,
  sigmoid,
  softplus,
  elu,
  leakyRelu,
  new Activation('leaky_relu', { alpha: 0.2 }),
  new Activation('identity'),
];

tester.run(activation, {
  valid: all.map((a) => ({ name: `${a.fn}${a.alpha === undefined ? '' : ` ${a.alpha}`}`, layer: new LinenNode(a, {}), input })),
});

describe('activation specs', () => {
  it('nn.gelu defaults to approximate=True (tanh); approximate=false is the erf form', () => {
    expect(moduleFromSpec({ type: 'gelu' })).toMatchObject({ fn: 'gelu_tanh' });
    expect(moduleFromSpec({ type: 'gelu', approximate: false })).toMatchObject({ fn: 'gelu' });
  });
  it('leaky_relu negative_slope and elu alpha travel; swish is silu', () => {
    expect(moduleFromSpec({ type: 'leaky_relu' })).toMatchObject({ alpha: 0.01 });
    expect(moduleFromSpec({ type: 'leaky_relu', negative_slope: 0.2 })).toMatchObject({ alpha: 0.2 });
    expect(moduleFromSpec({ type: 'swish' })).toMatchObject({ fn: 'silu' });
  });
  it.each(all.map((a) => [a.fn, a] as const))('%s: spec round trip', (_, a) => {
    expect(moduleFromSpec(moduleToSpec(a))).toEqual(a);
  });
});
