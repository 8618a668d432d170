import { createMappingTester } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { LinenNode } from '../adapter.js';
import { BatchNorm } from '../modules/batch-norm.js';
import { batchNorm } from './batch-norm.js';
import { expectGolden, golden } from '../__fixtures__/golden.js';

const tester = createMappingTester({ runLayer: (node: LinenNode, x) => node.module.apply(node.variables, x) });
const cases = ['batchnorm_0d', 'batchnorm_1d', 'batchnorm_2d', 'batchnorm_3d', 'batchnorm_bias_only', 'batchnorm_scale_only'];

tester.run(batchNorm, {
  valid: cases.map((name) => {
    const { module, variables, fixture } = golden(name);
    return { name, layer: new LinenNode(module, variables), input: fixture.arrays.input };
  }),
});

describe('BatchNorm against flax.linen', () => {
  it.each(cases)('%s: output and msgpack bytes', (name) => expectGolden(name));

  it("Linen's defaults: momentum 0.99, epsilon 1e-5", () => {
    expect(new BatchNorm(true)).toMatchObject({ useRunningAverage: true, momentum: 0.99, epsilon: 1e-5, useScale: true, useBias: true });
  });

  it('refuses to run in training mode and names the missing batch_stats', () => {
    const { variables, fixture } = golden('batchnorm_1d');
    expect(() => new BatchNorm().apply(variables, fixture.arrays.input!)).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
    expect(() => new BatchNorm(true).apply({ params: variables.params! }, fixture.arrays.input!)).toThrow(/batch_stats/);
  });
});
