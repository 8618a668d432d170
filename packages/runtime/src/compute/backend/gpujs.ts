import { InteropError } from '@interop/core';
import type { ActivationFn } from '@interop/core';
import { GPU } from 'gpu.js';
import { ACTIVATION_CODES } from '../math/activations.js';
import {
  activationKernel,
  applyNormKernel,
  channelAffineKernel,
  convKernel,
  matmulKernel,
  meanKernel,
  squareKernel,
} from './gpujs-kernels.js';
import { addKernel, meanAxesKernel, poolKernel, softmaxKernel } from './gpujs-op-kernels.js';
import type { Backend, Vec } from './types.js';

/** Largest buffer the gpu.js kernels index exactly (their index math runs in float32). */
export const GPUJS_MAX_ELEMENTS = 2 ** 23;

type Kernel = ((...args: Float32Array[]) => unknown) & { kernel?: object; destroy?: () => void };

const STAT_CODES = { fast: 0, 'two-pass': 1, rms: 2 } as const;

/**
 * A backend running every primitive as a gpu.js kernel. `mode: 'gpu'` lets gpu.js pick
 * (WebGL2 in a browser, WebAssembly in Node without headless-gl); `mode: 'cpu'` forces its
 * JavaScript backend. Kernels are compiled once per shape and cached. Results are float32.
 *
 * @example
 * ```ts
 * const b = createGpuJsBackend('gpu');
 * b.matmul(a, w, 4, 3, 2);
 * b.engine(); // 'WebAssemblyKernel' in Node
 * ```
 */
export function createGpuJsBackend(mode: 'gpu' | 'cpu'): Backend {
  let gpu: GPU | undefined;
  let lastEngine = 'none';
  const cache = new Map<string, Kernel>();

  function kernel(fn: object, name: string, constants: Record<string, number>, size: number): Kernel {
    const key = `${name}|${size}|${JSON.stringify(constants)}`;
    let k = cache.get(key);
    if (!k) {
      gpu ??= new GPU({ mode });
      try {
        // fixIntegerDivisionAccuracy is a real GL setting missing from gpu.js's typings.
        const settings = { constants, output: [size], precision: 'single', tactic: 'precision', fixIntegerDivisionAccuracy: true };
        k = gpu.createKernel(fn as never, settings as never) as unknown as Kernel;
      } catch (cause) {
        throw new InteropError('E_BACKEND', `gpu.js could not compile the ${name} kernel`, { cause });
      }
      if (cache.size >= 128) evictOldest(cache);
      cache.set(key, k);
    }
    return k;
  }

  function run(fn: object, name: string, constants: Record<string, number>, size: number, args: Vec[]): Float32Array {
    for (const n of [size, ...args.map((a) => a.length)]) {
      if (n > GPUJS_MAX_ELEMENTS) {
        throw new InteropError('E_BACKEND', `A ${name} buffer is too large for the gpu.js backend`, {
          expected: `at most ${GPUJS_MAX_ELEMENTS} elements`,
          found: n,
          fix: "Use backend 'tiled' or 'reference' for tensors this large",
        });
      }
    }
    const k = kernel(fn, name, constants, size);
    let result: unknown;
    try {
      result = k(...args.map(f32));
    } catch (cause) {
      throw new InteropError('E_BACKEND', `gpu.js failed running the ${name} kernel`, { cause });
    }
    lastEngine = k.kernel?.constructor.name ?? 'unknown';
    return contiguous(result, size);
  }

  const name = mode === 'gpu' ? 'gpu.js' : 'gpu.js-cpu';
  return {
    name,
    alloc: (n) => new Float32Array(n),
    round: Math.fround,
    engine: () => lastEngine,
    matmul(a, b, m, k, n, bias) {
      return run(matmulKernel, 'matmul', { K: k, N: n }, m * n, [a, b, bias ?? new Float32Array(n)]);
    },
    conv(x, w, plan, bias) {
      const { batch, inSpatial, outSpatial, taps, inFeatures, outFeatures, groups, table } = plan;
      const constants = {
        CO: outFeatures,
        OS: outSpatial,
        IS: inSpatial,
        T: taps,
        CI: inFeatures,
        CIG: inFeatures / groups,
        COG: outFeatures / groups,
      };
      const size = batch * outSpatial * outFeatures;
      return run(convKernel, 'conv', constants, size, [x, w, bias ?? new Float32Array(outFeatures), Float32Array.from(table)]);
    },
    normalize(x, plan, scale, bias) {
      const { outer, spatial: S, groups: G, groupSize: GS, epsilon, stat } = plan;
      const c = { S, G, GS };
      const k = outer * G;
      const mean = stat === 'rms' ? new Float32Array(k) : run(meanKernel, 'mean', c, k, [x]);
      const center = stat === 'two-pass' ? mean : new Float32Array(k);
      const second = run(squareKernel, 'variance', c, k, [x, center]);
      const C = G * GS;
      const applyConstants = { C, S, G, GS, STAT: STAT_CODES[stat], EPS: epsilon };
      return run(applyNormKernel, 'normalize', applyConstants, x.length, [
        x,
        mean,
        second,
        scale ?? new Float32Array(C).fill(1),
        bias ?? new Float32Array(C),
      ]);
    },
    channelAffine(x, channels, mean, mul, add) {
      return run(channelAffineKernel, 'channel-affine', { C: channels }, x.length, [x, mean, mul, add]);
    },
    activation(x, fn: ActivationFn, alpha) {
      return run(activationKernel, 'activation', { FN: ACTIVATION_CODES.indexOf(fn), ALPHA: alpha }, x.length, [x]);
    },
    add(a, b) {
      return run(addKernel, 'add', {}, a.length, [a, b]);
    },
    pool(x, plan) {
      const { batch, inSpatial, outSpatial, taps, channels, op, countIncludePad, table } = plan;
      const constants = {
        C: channels,
        OS: outSpatial,
        IS: inSpatial,
        T: taps,
        MAX: op === 'max' ? 1 : 0,
        INCLUDE: countIncludePad ? 1 : 0,
      };
      return run(poolKernel, 'pool', constants, batch * outSpatial * channels, [
        x,
        Float32Array.from(table),
        Float32Array.of(-Infinity, NaN),
      ]);
    },
    mean(x, plan) {
      const { batch, inSize, bases, offsets } = plan;
      const constants = { OUT: bases.length, IN: inSize, T: offsets.length };
      return run(meanAxesKernel, 'mean-axes', constants, batch * bases.length, [x, Float32Array.from(bases), Float32Array.from(offsets)]);
    },
    softmax(x, plan) {
      const constants = { SIZE: plan.size, INNER: plan.inner, LOG: plan.log ? 1 : 0 };
      return run(softmaxKernel, plan.log ? 'log-softmax' : 'softmax', constants, x.length, [x]);
    },
  };
}

function f32(v: Vec): Float32Array {
  return v instanceof Float32Array ? v : Float32Array.from(v);
}

/** gpu.js returns 1-D outputs as a Float32Array that may be a view; copy so callers own it. */
function contiguous(result: unknown, size: number): Float32Array {
  if (result instanceof Float32Array) return result.slice(0, size);
  const out = new Float32Array(size);
  let offset = 0;
  for (const row of result as ArrayLike<number>[]) {
    out.set(row as Float32Array, offset);
    offset += row.length;
  }
  return out;
}

function evictOldest(cache: Map<string, Kernel>): void {
  const first = cache.keys().next();
  if (first.done) return;
  cache.get(first.value)?.destroy?.();
  cache.delete(first.value);
}
