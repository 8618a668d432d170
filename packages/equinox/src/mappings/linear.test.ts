import { createConversionContext, transpose } from '@interop/core';
import { key } from '@interop/runtime';
import { describe, expect, it } from 'vitest';
import { EqxNode } from '../adapter.js';
import { goldenCase, tester } from '../__fixtures__/mapping.js';
import { Linear } from '../modules/linear.js';
import { linear } from './linear.js';

tester.run(linear, {
  valid: ['linear', 'linear_no_bias', 'linear_bf16', 'linear_f16'].map(goldenCase),
  invalid: [
    {
      name: 'a sample input with 4 features for in_features=3',
      layer: new EqxNode(new Linear(3, 5, { key: key(0) })),
      sampleInput: [4],
      error: 'E_SHAPE_MISMATCH',
    },
  ],
});

describe('Linear ↔ linear', () => {
  it('the IR kernel is weightᵀ', () => {
    const m = new Linear(3, 5, { key: key(0) });
    const ir = linear.toIR(new EqxNode(m), createConversionContext({ framework: 'equinox', direction: 'toIR' }));
    expect(Array.from(ir.tensors.kernel!.toFloat32())).toEqual(Array.from(transpose(m.weight, [1, 0]).toFloat32()));
  });
});
