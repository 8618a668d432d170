import { Tensor, createRegistry } from '@interop/core';
import type { RMSNormIR } from '@interop/core';
import { createMappingTester } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { LinenNode } from '../adapter.js';
import linen from '../index.js';
import { RMSNorm } from '../modules/rms-norm.js';
import { rmsNorm } from './rms-norm.js';
import { expectGolden, golden } from '../__fixtures__/golden.js';

const tester = createMappingTester({ runLayer: (node: LinenNode, x) => node.module.apply(node.variables, x) });
const cases = ['rmsnorm', 'rmsnorm_no_scale'];
const ones = Tensor.fromArray([1, 1, 1], [3], 'float32');

tester.run(rmsNorm, {
  valid: cases.map((name) => {
    const { module, variables, fixture } = golden(name);
    const input = fixture.arrays.input!;
    return { name, layer: new LinenNode(module, variables), input, sampleInput: input.shape.slice(1) };
  }),
  invalid: [
    {
      name: 'an IR with a bias (Equinox RMSNorm)',
      ir: { kind: 'rms-norm', params: { featureShape: [3], epsilon: 1e-6 }, tensors: { scale: ones, bias: ones } } as RMSNormIR,
      error: 'E_CONVERSION',
    },
  ],
});

describe('RMSNorm against flax.linen', () => {
  it.each(cases)('%s: output and msgpack bytes', (name) => expectGolden(name));

  it('without scale re-imports, its size from the threaded input', () => {
    const registry = createRegistry().use(linen);
    const ir = registry.toIR([new RMSNorm({ useScale: false, epsilon: 1e-4 }), {}], 'linen', { sampleInput: [5] });
    expect((ir as RMSNormIR).params).toEqual({ featureShape: [5], epsilon: 1e-4 });
    const [module] = registry.fromIR(ir, 'linen') as [RMSNorm, object];
    expect(module).toMatchObject({ useScale: false, epsilon: 1e-4 });
  });
});
