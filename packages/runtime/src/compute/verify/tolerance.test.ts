import type { ConvIR } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { randn } from '../__fixtures__/random.js';
import { compare, float32Tolerance, runIR } from '../index.js';

describe('float32Tolerance', () => {
  it('grows atol with the reduction length', () => {
    expect(float32Tolerance()).toEqual({ rtol: 1e-5, atol: 1e-5 });
    expect(float32Tolerance(2500).atol).toBeCloseTo(2.5e-4, 12);
  });

  it('covers gpu.js on a 576-term conv sum', () => {
    const ir: ConvIR = {
      kind: 'conv',
      params: {
        inFeatures: 64,
        outFeatures: 8,
        kernelSize: [3, 3],
        strides: [1, 1],
        padding: 'SAME',
        paddingMode: 'zeros',
        inputDilation: [1, 1],
        kernelDilation: [1, 1],
        featureGroups: 1,
      },
      tensors: { kernel: randn([3, 3, 64, 8], 1) },
    };
    const x = randn([1, 16, 16, 64], 2);
    const ref = runIR(ir, x, { backend: 'reference', outputDtype: 'float64' });
    expect(compare(runIR(ir, x, { backend: 'gpu.js' }), ref, float32Tolerance(576)).mismatches).toBe(0);
  });
});
