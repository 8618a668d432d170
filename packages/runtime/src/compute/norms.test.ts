import type { BatchNormIR, GroupNormIR, LayerNormIR, RMSNormIR } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { NODE_BACKENDS, expectClose } from './__fixtures__/backends.js';
import { naiveGroupNorm } from './__fixtures__/naive.js';
import { randn } from './__fixtures__/random.js';
import { runIR } from './index.js';

const f64 = (b: string) => (b === 'reference' ? 'float64' : 'float32');

describe.each(NODE_BACKENDS)('norms on %s', (backend) => {
  it.each(['fast', 'two-pass'] as const)('layer norm over two feature axes (%s variance)', (variance) => {
    const ir: LayerNormIR = {
      kind: 'layer-norm',
      params: { featureShape: [4, 6], epsilon: 1e-6, variance },
      tensors: { scale: randn([4, 6], 1), bias: randn([4, 6], 2) },
    };
    const x = randn([3, 4, 6], 3, 2);
    const ref = naiveGroupNorm(
      x.data,
      3,
      1,
      24,
      1,
      1e-6,
      variance,
      ir.tensors.scale!.data as Float32Array,
      ir.tensors.bias!.data as Float32Array,
    );
    expectClose(runIR(ir, x, { backend, outputDtype: f64(backend) }), ref, backend, [3, 4, 6]);
  });

  it('layer norm over 1500 features (longer than the gpu.js loop cap)', () => {
    const ir: LayerNormIR = { kind: 'layer-norm', params: { featureShape: [1500], epsilon: 1e-5, variance: 'two-pass' }, tensors: {} };
    const x = randn([2, 1500], 4);
    expectClose(runIR(ir, x, { backend, outputDtype: f64(backend) }), naiveGroupNorm(x.data, 2, 1, 1500, 1, 1e-5, 'two-pass'), backend);
  });

  it('rms norm with scale (Flax) and with bias (Equinox)', () => {
    const ir: RMSNormIR = {
      kind: 'rms-norm',
      params: { featureShape: [10], epsilon: 1e-6 },
      tensors: { scale: randn([10], 5), bias: randn([10], 6) },
    };
    const x = randn([2, 3, 10], 7);
    const ref = naiveGroupNorm(
      x.data,
      6,
      1,
      10,
      1,
      1e-6,
      'rms',
      ir.tensors.scale!.data as Float32Array,
      ir.tensors.bias!.data as Float32Array,
    );
    expectClose(runIR(ir, x, { backend, outputDtype: f64(backend) }), ref, backend);
  });

  it.each(['fast', 'two-pass'] as const)('group norm, channels-last, spatial axes (%s)', (variance) => {
    const ir: GroupNormIR = {
      kind: 'group-norm',
      params: { channels: 12, numGroups: 3, epsilon: 1e-6, variance },
      tensors: { scale: randn([12], 8), bias: randn([12], 9) },
    };
    const x = randn([2, 5, 4, 12], 10);
    const ref = naiveGroupNorm(
      x.data,
      2,
      20,
      12,
      3,
      1e-6,
      variance,
      ir.tensors.scale!.data as Float32Array,
      ir.tensors.bias!.data as Float32Array,
    );
    expectClose(runIR(ir, x, { backend, outputDtype: f64(backend) }), ref, backend, [2, 5, 4, 12]);
  });

  it('batch norm in eval mode uses the running statistics', () => {
    const C = 5;
    const varT = randn([C], 11);
    (varT.data as Float32Array).forEach((v, i, a) => (a[i] = Math.abs(v) + 0.1));
    const ir: BatchNormIR = {
      kind: 'batch-norm',
      params: { channels: C, epsilon: 1e-5, momentum: 0.99 },
      tensors: { mean: randn([C], 12), var: varT, scale: randn([C], 13), bias: randn([C], 14) },
    };
    const x = randn([2, 3, C], 15);
    const t = (n: keyof BatchNormIR['tensors']) => ir.tensors[n]!.data as Float32Array;
    const ref = Array.from(x.data, (v, i) => {
      const c = i % C;
      return ((v - t('mean')[c]!) / Math.sqrt(t('var')[c]! + 1e-5)) * t('scale')[c]! + t('bias')[c]!;
    });
    expectClose(runIR(ir, x, { backend, outputDtype: f64(backend) }), ref, backend);
  });
});

describe('norm checks', () => {
  it('constant rows normalise to (near) zero without NaN', () => {
    const ir: LayerNormIR = { kind: 'layer-norm', params: { featureShape: [8], epsilon: 1e-6, variance: 'fast' }, tensors: {} };
    const x = randn([1, 8], 1);
    (x.data as Float32Array).fill(3.3);
    for (const backend of NODE_BACKENDS)
      expect(
        runIR(ir, x, { backend })
          .toArray()
          .every((v) => Math.abs(v) < 0.1),
      ).toBe(true);
  });

  it('refuses a feature shape that does not end the input', () => {
    const ir: LayerNormIR = { kind: 'layer-norm', params: { featureShape: [8], epsilon: 1e-6, variance: 'fast' }, tensors: {} };
    expect(() => runIR(ir, randn([8, 2], 1), { backend: 'reference' })).toThrow(expect.objectContaining({ code: 'E_SHAPE_MISMATCH' }));
  });
});
