import { describe, expect, it } from 'vitest';
import { golden } from '../__fixtures__/golden.js';
import { tester } from '../__fixtures__/tester.js';
import { Linear } from '../modules/linear.js';
import { linear } from './linear.js';

const cases = ['linear', 'linear_no_bias', 'linear_bf16', 'linear_f16'];

tester.run(linear, {
  valid: cases.map((name) => {
    const { module, fixture } = golden(name);
    return { name, layer: module as Linear, input: fixture.arrays.input };
  }),
});

describe('Linear ↔ linear', () => {
  it('keeps weight as the (in, out) kernel and a missing bias absent', () => {
    const { module } = golden('linear_no_bias');
    const ir = linear.toIR(module as Linear, {} as never);
    expect(ir.params).toEqual({ inFeatures: 3, outFeatures: 5 });
    expect(ir.tensors.bias).toBeUndefined();
    expect(ir.tensors.kernel).toBe((module as Linear).weight.value.weight);
  });
});

describe('Linear sample input', () => {
  it('refuses a sample input whose last axis is not in_features', async () => {
    const { checkInvalidCase } = await import('@interop/testing');
    await checkInvalidCase(linear, { name: 'wrong width', layer: new Linear(3, 5), sampleInput: [4], error: 'E_SHAPE_MISMATCH' });
  });
});
