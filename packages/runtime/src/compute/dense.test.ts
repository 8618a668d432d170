import type { LinearIR } from '@interop/core';
import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { NODE_BACKENDS, expectClose } from './__fixtures__/backends.js';
import { naiveMatmul } from './__fixtures__/naive.js';
import { randn } from './__fixtures__/random.js';
import { lastRun, runIR } from './index.js';

function linear(i: number, o: number, seed: number, withBias = true): LinearIR {
  const tensors: LinearIR['tensors'] = { kernel: randn([i, o], seed) };
  if (withBias) tensors.bias = randn([o], seed + 1);
  return { kind: 'linear', params: { inFeatures: i, outFeatures: o }, tensors };
}

describe.each(NODE_BACKENDS)('dense on %s', (backend) => {
  it('matches the float64 definition, batched over leading axes', () => {
    const ir = linear(37, 19, 1);
    const x = randn([3, 5, 37], 3);
    const y = runIR(ir, x, { backend, outputDtype: backend === 'reference' ? 'float64' : 'float32' });
    const ref = naiveMatmul(x.data, ir.tensors.kernel!.data as Float32Array, 15, 37, 19, ir.tensors.bias!.data as Float32Array);
    expectClose(y, ref, backend, [3, 5, 19]);
    expect(lastRun()?.backend).toBe(backend);
  });

  it("handles a reduction longer than gpu.js's 1000-iteration loop cap and no bias", () => {
    const ir = linear(2500, 5, 7, false);
    const x = randn([2, 2500], 9, 0.1);
    const y = runIR(ir, x, { backend });
    expectClose(y, naiveMatmul(x.data, ir.tensors.kernel!.data as Float32Array, 2, 2500, 5), backend === 'reference' ? 'tiled' : backend);
  });

  it('decodes bfloat16 and float16 weights exactly', () => {
    const ir = linear(8, 4, 11);
    const half: LinearIR = { ...ir, tensors: { kernel: ir.tensors.kernel!.astype('bfloat16'), bias: ir.tensors.bias!.astype('float16') } };
    const x = randn([2, 8], 12).astype('float16');
    const ref = naiveMatmul(x.toFloat64(), half.tensors.kernel!.toFloat64(), 2, 8, 4, half.tensors.bias!.toFloat64());
    expectClose(runIR(half, x, { backend }), ref, backend === 'reference' ? 'tiled' : backend);
  });
});

describe('dense input checks', () => {
  it('refuses integer input with E_DTYPE', () => {
    const x = Tensor.fromArray([1, 2, 3], [1, 3], 'int32');
    expect(() => runIR(linear(3, 2, 1), x, { backend: 'reference' })).toThrow(expect.objectContaining({ code: 'E_DTYPE' }));
  });

  it('refuses a wrong feature size with E_SHAPE_MISMATCH', () => {
    expect(() => runIR(linear(3, 2, 1), randn([1, 4], 1), { backend: 'reference' })).toThrow(
      expect.objectContaining({ code: 'E_SHAPE_MISMATCH' }),
    );
  });
});
