import { Tensor } from '@interop/core';
import type { RMSNormIR } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { golden } from '../__fixtures__/golden.js';
import { tester } from '../__fixtures__/tester.js';
import { RMSNorm } from '../modules/rms-norm.js';
import { rmsNorm } from './rms-norm.js';

const ir = (bias: number[]): RMSNormIR => ({
  kind: 'rms-norm',
  params: { featureShape: [3], epsilon: 1e-5 },
  tensors: { bias: Tensor.fromArray(bias, [3], 'float32') },
});

tester.run(rmsNorm, {
  valid: ['rmsnorm', 'rmsnorm_no_scale'].map((name) => {
    const { module, fixture } = golden(name);
    return { name, layer: module as RMSNorm, input: fixture.arrays.input };
  }),
  invalid: [{ name: 'a non-zero bias (Equinox)', ir: ir([0, 0.5, 0]), error: 'E_CONVERSION' }],
});

describe('RMSNorm ↔ rms-norm', () => {
  it('an all-zero bias is dropped, as the anchor does', () => {
    const layer = rmsNorm.fromIR(ir([0, 0, 0]), {} as never) as RMSNorm;
    expect(layer.scale).toBeNull();
    expect(layer.epsilon).toBe(1e-5);
  });
});
