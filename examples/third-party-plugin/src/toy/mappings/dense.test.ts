import { Tensor } from '@interop/core';
import { createMappingTester } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { Dense } from '../model.js';
import { dense } from './dense.js';

const weight = Tensor.fromArray([1, -2, 0.5, 3, 0, -1], [2, 3], 'float32');
const bias = Tensor.fromArray([0.25, -0.5], [2], 'float32');
const x = Tensor.fromArray([1, 2, 3, -4, 0.25, 8], [2, 3], 'float32');

createMappingTester({ runLayer: (layer: Dense, input) => layer.call(input) }).run(dense, {
  valid: [{ name: 'weight and bias survive the round trip and the output is unchanged', layer: new Dense(weight, bias), input: x }],
});

describe('toy Dense', () => {
  it('stores the kernel [out, in]: the IR kernel is its transpose', () => {
    const ir = dense.toIR(new Dense(weight, bias), {} as never);
    expect(ir.params).toEqual({ inFeatures: 3, outFeatures: 2 });
    expect(ir.tensors.kernel!.shape).toEqual([3, 2]);
    expect(ir.tensors.kernel!.toArray()).toEqual([1, 3, -2, 0, 0.5, -1]);
  });

  it('computes x @ weight.T + bias', () => {
    expect(new Dense(weight, bias).call(x).toArray()).toEqual([-1.25, -0.5, -0.25, -20.5]);
  });
});
