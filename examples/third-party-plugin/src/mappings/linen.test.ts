import { Tensor } from '@interop/core';
import { LinenNode } from '@interop/linen';
import { key } from '@interop/runtime';
import { createMappingTester } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { Scale } from '../linen-scale.js';
import { linenScale } from './linen.js';

const scale = Tensor.fromArray([0.5, -2, 3], [3], 'float32');
const x = Tensor.fromArray([1, 2, 3, -4, 0.25, 8], [2, 3], 'float32');

createMappingTester({ runLayer: (node: LinenNode, input) => node.module.apply(node.variables, input) }).run(linenScale, {
  valid: [
    {
      name: 'params.scale survives the round trip and the output is unchanged',
      layer: new LinenNode(new Scale(), { params: { scale } }),
      input: x,
    },
  ],
  invalid: [{ name: 'variables without params', layer: new LinenNode(new Scale(), {}), error: 'E_INVALID_ARGUMENT' }],
});

describe('Linen Scale', () => {
  it('init makes params.scale of ones with the input feature count', () => {
    const v = new Scale().init(key(0), x);
    expect(Object.keys(v)).toEqual(['params']);
    expect((v.params!.scale as Tensor).toArray()).toEqual([1, 1, 1]);
  });

  it('apply multiplies each feature by its gain', () => {
    expect(new Scale().apply({ params: { scale } }, x).toArray()).toEqual([0.5, -4, 9, -2, -0.5, 24]);
  });
});
