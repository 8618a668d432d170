import type { LayerIR, LinearIR } from '@interop/core';
import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { randn } from './__fixtures__/random.js';
import { runIR } from './index.js';

const code = (c: string) => expect.objectContaining({ code: c });

describe('bad inputs raise coded InteropErrors', () => {
  const kernel = randn([3, 2], 1);
  const ir: LinearIR = { kind: 'linear', params: { inFeatures: 3, outFeatures: 2 }, tensors: { kernel }, inputShape: [3] };

  it('E_SHAPE_MISMATCH when the input disagrees with inputShape', () => {
    expect(() => runIR(ir, randn([2, 4], 1))).toThrow(code('E_SHAPE_MISMATCH'));
  });

  it('E_NAN for NaN in params only when a check is requested', () => {
    const nan = kernel.clone();
    (nan.data as Float32Array)[2] = NaN;
    const bad: LinearIR = { ...ir, tensors: { kernel: nan } };
    expect(() => runIR(bad, randn([1, 3], 1), { checkNaN: true })).toThrow(code('E_NAN'));
    expect(Number.isNaN(runIR(bad, randn([1, 3], 1), { backend: 'reference' }).toArray()[0])).toBe(true);
  });

  it('E_INVALID_IR for unknown kinds, missing or misshapen weights, bad params', () => {
    const x = randn([1, 3], 1);
    expect(() => runIR({ kind: 'attention', params: {}, tensors: {} } as unknown as LayerIR, x)).toThrow(code('E_INVALID_IR'));
    expect(() => runIR(null as unknown as LayerIR, x)).toThrow(code('E_INVALID_IR'));
    expect(() => runIR({ ...ir, tensors: {} }, x)).toThrow(code('E_INVALID_IR'));
    expect(() => runIR({ ...ir, tensors: { kernel: randn([2, 3], 1) } }, x)).toThrow(code('E_INVALID_IR'));
    expect(() => runIR({ ...ir, params: { inFeatures: 3, outFeatures: -2 } }, x)).toThrow(code('E_INVALID_IR'));
    expect(() => runIR({ kind: 'activation', params: { fn: 'swish' }, tensors: {} } as unknown as LayerIR, x)).toThrow(
      code('E_INVALID_IR'),
    );
  });

  it('E_DTYPE for integer weights and E_INVALID_ARGUMENT for a non-tensor input', () => {
    const intIR: LinearIR = { ...ir, tensors: { kernel: Tensor.fromArray([1, 2, 3, 4, 5, 6], [3, 2], 'int32') } };
    expect(() => runIR(intIR, randn([1, 3], 1))).toThrow(code('E_DTYPE'));
    expect(() => runIR(ir, [1, 2, 3] as unknown as Tensor)).toThrow(code('E_INVALID_ARGUMENT'));
  });
});
