import { createConversionContext } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { EqxNode } from '../adapter.js';
import { golden } from '../__fixtures__/golden.js';
import { goldenCase, tester } from '../__fixtures__/mapping.js';
import { RMSNorm } from '../modules/rms-norm.js';
import { rmsNorm } from './rms-norm.js';

tester.run(rmsNorm, {
  valid: ['rmsnorm_no_affine', 'rmsnorm_no_bias', 'rmsnorm_nonzero_bias', 'rmsnorm_zero_bias'].map(goldenCase),
  invalid: [{ name: 'a sample input of another shape', layer: new EqxNode(new RMSNorm([6])), sampleInput: [5], error: 'E_SHAPE_MISMATCH' }],
});

describe('RMSNorm ↔ rms-norm', () => {
  it('carries a non-zero bias into the IR (targets without a bias refuse it there)', () => {
    const { model } = golden('rmsnorm_nonzero_bias');
    const ir = rmsNorm.toIR(new EqxNode(model), createConversionContext({ framework: 'equinox', direction: 'toIR' }));
    expect(Array.from(ir.tensors.bias!.toFloat32())).toEqual(Array.from((model as RMSNorm).bias!.toFloat32()));
    expect(Array.from(ir.tensors.bias!.toFloat32()).some((v) => v !== 0)).toBe(true);
  });
});
