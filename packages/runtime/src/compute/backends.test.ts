import type { LinearIR } from '@interop/core';
import { GPU } from 'gpu.js';
import { afterEach, describe, expect, it } from 'vitest';
import { randn } from './__fixtures__/random.js';
import { getBackend, getDefaultBackend, lastRun, runIR, setDefaultBackend } from './index.js';

const ir: LinearIR = { kind: 'linear', params: { inFeatures: 4, outFeatures: 2 }, tensors: { kernel: randn([4, 2], 1) } };

describe('backend selection and reports', () => {
  afterEach(() => setDefaultBackend('gpu.js'));

  it('gpu.js in Node runs WebAssembly kernels, not a silent CPU fallback', () => {
    runIR(ir, randn([3, 4], 2), { backend: 'gpu.js' });
    expect(lastRun()).toMatchObject({ backend: 'gpu.js', engines: ['WebAssemblyKernel'], fallback: false, kind: 'linear' });
  });

  it('gpu.js-cpu runs CPUKernel, the other backends plain TypeScript', () => {
    runIR(ir, randn([3, 4], 2), { backend: 'gpu.js-cpu' });
    expect(lastRun()?.engines).toEqual(['CPUKernel']);
    runIR(ir, randn([3, 4], 2), { backend: 'tiled' });
    expect(lastRun()?.engines).toEqual(['typescript-float32-tiled']);
    runIR(ir, randn([3, 4], 2), { backend: 'reference' });
    expect(lastRun()?.engines).toEqual(['typescript-float64']);
  });

  it('setDefaultBackend changes what runIR uses', () => {
    expect(getDefaultBackend()).toBe('gpu.js');
    setDefaultBackend('tiled');
    runIR(ir, randn([3, 4], 2));
    expect(lastRun()?.backend).toBe('tiled');
    expect(() => setDefaultBackend('webgpu' as never)).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });

  it('gpu.js would cap argument-bounded loops at 1000 (the trap the kernels avoid)', () => {
    const gpu = new GPU({ mode: 'gpu' });
    const naive = gpu.createKernel(
      function (this: { thread: { x: number } }, x: Float32Array, n: number) {
        let s = 0;
        for (let i = 0; i < n; i++) s += x[i]!;
        return s + this.thread.x * 0;
      },
      { output: [1] },
    );
    expect((naive(new Float32Array(3000).fill(1), 3000) as Float32Array)[0]).toBe(1000);
    const viaRuntime = getBackend('gpu.js').matmul(new Float32Array(3000).fill(1), new Float32Array(3000).fill(1), 1, 3000, 1);
    expect(viaRuntime[0]).toBe(3000);
    gpu.destroy();
  });
});
