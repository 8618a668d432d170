import type { LinearIR } from '@interop/core';
import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { randn } from './__fixtures__/random.js';
import { allclose, compare, runIR, verify } from './index.js';

const t = (v: number[]) => new Tensor('float64', [v.length], Float64Array.from(v));

describe('allclose', () => {
  it('follows NumPy: |a-b| <= atol + rtol·|b|, asymmetric in b', () => {
    expect(allclose(t([1, 2]), t([1, 2 + 1e-5]))).toBe(true);
    expect(allclose(t([1e-9]), t([0]))).toBe(true);
    expect(allclose(t([1e-7]), t([0]))).toBe(false);
    expect(allclose(t([100]), t([100.0011]), { rtol: 1e-5, atol: 0 })).toBe(false);
    expect(allclose(t([1]), t([1.5]), { atol: 0.5, rtol: 0 })).toBe(true);
  });

  it('treats NaN and infinities like NumPy', () => {
    expect(allclose(t([NaN]), t([NaN]))).toBe(false);
    expect(allclose(t([NaN]), t([NaN]), { equalNan: true })).toBe(true);
    expect(allclose(t([Infinity]), t([Infinity]))).toBe(true);
    expect(allclose(t([Infinity]), t([-Infinity]))).toBe(false);
    expect(allclose(t([1]), t([Infinity]), { rtol: 1 })).toBe(false);
  });

  it('requires equal shapes', () => {
    const a = new Tensor('float32', [2, 2], new Float32Array(4));
    expect(() => allclose(a, a.reshape([4]))).toThrow(expect.objectContaining({ code: 'E_SHAPE_MISMATCH' }));
  });

  it('counts non-finite values and keeps error statistics to the finite pairs', () => {
    const d = compare([NaN, Infinity, 1, 5], [NaN, -Infinity, 1.5, 5]);
    expect(d).toMatchObject({ mismatches: 3, nonFiniteA: 2, nonFiniteB: 2, maxAbsError: 0.5 });
    expect(compare([NaN, Infinity], [NaN, Infinity], { equalNan: true })).toMatchObject({ mismatches: 0, maxAbsError: 0, maxRelError: 0 });
  });

  it('reports max absolute and relative errors', () => {
    expect(compare([1, 2.2], [1, 2])).toMatchObject({ mismatches: 1, size: 2 });
    expect(compare([1, 2.2], [1, 2]).maxRelError).toBeCloseTo(0.1, 12);
  });
});

describe('verify', () => {
  const ir: LinearIR = {
    kind: 'linear',
    params: { inFeatures: 3, outFeatures: 2 },
    tensors: { kernel: randn([3, 2], 1), bias: randn([2], 2) },
  };
  const inputs = [randn([2, 3], 3), randn([4, 3], 4)];

  it('compares an IR with a function and an object runnable on the chosen backend', () => {
    const fn = (x: Tensor) => runIR(ir, x, { backend: 'reference' });
    const report = verify(ir, { run: fn }, inputs, { backend: 'gpu.js', atol: 1e-5, rtol: 1e-5 });
    expect(report).toMatchObject({ pass: true, backend: 'gpu.js', atol: 1e-5, rtol: 1e-5 });
    expect(report.outputs.map((o) => o.shape)).toEqual([
      [2, 2],
      [4, 2],
    ]);
    expect(report.outputs[0]!.maxAbsError).toBeLessThan(1e-6);
  });

  it('fails, or throws E_TOLERANCE_EXCEEDED, when outputs differ', () => {
    const off = (x: Tensor) => {
      const y = runIR(ir, x, { backend: 'reference' });
      const d = y.data as Float32Array;
      d[0] = d[0]! + 0.01;
      return y;
    };
    expect(verify(ir, off, inputs, { backend: 'reference' }).pass).toBe(false);
    expect(() => verify(ir, off, inputs, { backend: 'reference', throwOnFail: true })).toThrow(
      expect.objectContaining({ code: 'E_TOLERANCE_EXCEEDED' }),
    );
  });

  it('matches outputs that overflow to the same non-finite values, as assert_allclose does', () => {
    const overflow = (x: Tensor) => {
      const y = runIR(ir, x, { backend: 'reference' });
      return new Tensor(
        'float32',
        [...y.shape],
        Float32Array.from(y.toFloat64(), (v, i) => (i % 2 ? NaN : v > 0 ? Infinity : -Infinity)),
      );
    };
    const same = verify(overflow, overflow, inputs, { backend: 'reference' });
    expect(same.pass).toBe(true);
    expect(same.outputs[0]).toMatchObject({ nonFiniteA: 4, nonFiniteB: 4, maxAbsError: 0 });
    const finite = (x: Tensor) => runIR(ir, x, { backend: 'reference' });
    const differ = verify(overflow, finite, inputs, { backend: 'reference' });
    expect(differ.pass).toBe(false);
    expect(differ.outputs[0]).toMatchObject({ nonFiniteA: 4, nonFiniteB: 0, mismatches: 4 });
  });
});
