import { Tensor, createRegistry } from '@interop/core';
import type { BatchNormIR } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { golden } from '../__fixtures__/golden.js';
import { tester } from '../__fixtures__/tester.js';
import brainstate from '../index.js';
import { BatchNorm, BatchNorm0d, BatchNorm1d } from '../modules/batch-norm.js';
import { batchNorm0d, batchNorm1d, batchNorm2d, batchNorm3d } from './batch-norm.js';

const valid = (names: string[]) =>
  names.map((name) => {
    const { module, fixture } = golden(name);
    return { name, layer: module as BatchNorm, input: fixture.arrays.input, sampleInput: (module as BatchNorm).inSize };
  });

const t = (v: number[]) => Tensor.fromArray(v, [v.length], 'float32');
const biasOnly: BatchNormIR = {
  kind: 'batch-norm',
  params: { channels: 3, epsilon: 1e-5, momentum: 0.99 },
  tensors: { mean: t([0, 1, 2]), var: t([1, 2, 3]), bias: t([1, 1, 1]) },
};

tester.run(batchNorm0d, {
  valid: valid(['batchnorm0d', 'batchnorm0d_no_affine']),
  invalid: [
    { name: 'no sample input', ir: biasOnly, error: 'E_MISSING_SHAPE' },
    { name: 'a 5-entry sample input (the anchor: KeyError)', ir: biasOnly, sampleInput: [2, 2, 2, 2, 3], error: 'E_CONVERSION' },
    { name: 'channels differ from the sample input', ir: biasOnly, sampleInput: [4], error: 'E_CONVERSION' },
    {
      name: 'no running statistics (track_running_stats=False)',
      layer: new BatchNorm0d([3], { trackRunningStats: false, affine: false }),
      error: 'E_UNSUPPORTED_LAYER',
    },
  ],
});
tester.run(batchNorm1d, { valid: valid(['batchnorm1d', 'batchnorm1d_bf16']) });
tester.run(batchNorm2d, { valid: valid(['batchnorm2d']) });
tester.run(batchNorm3d, { valid: valid(['batchnorm3d']) });

describe('BatchNorm ↔ batch-norm', () => {
  it('a bias-only IR builds weight = { bias } alone, in feature shape, the class from the input rank', () => {
    const registry = createRegistry().use(brainstate);
    const layer = registry.fromIR(biasOnly, 'brainstate', { sampleInput: [5, 3] }) as BatchNorm1d;
    expect(layer).toBeInstanceOf(BatchNorm1d);
    expect(Object.keys(layer.weight!.value)).toEqual(['bias']);
    expect(layer.weight!.value.bias!.shape).toEqual([1, 3]);
    expect(layer.runningVar!.value.shape).toEqual([1, 3]);
  });

  it('epsilon and momentum are float32 as BrainState stores them', () => {
    expect(batchNorm0d.toIR(new BatchNorm0d([3]), {} as never).params).toEqual({
      channels: 3,
      epsilon: Math.fround(1e-5),
      momentum: Math.fround(0.99),
    });
  });
});
