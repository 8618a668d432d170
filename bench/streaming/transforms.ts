// Before/after of the layout transforms a conversion still runs: the element-by-element transpose
// core had before (seed-transpose.ts) against the cache-blocked one, eager and on a lazy tensor
// read block by block (the streaming writers' path). Best of 7, in-process.
import { ReorderBlocks, Tensor, transpose } from '../../packages/core/src/index.js';
import type { TensorSource } from '../../packages/core/src/index.js';
import { seedTranspose } from './seed-transpose.js';

/** A lazy tensor over an in-memory copy of `t` (what a file source gives, without the disk). */
function lazyOver(t: Tensor): Tensor {
  const bytes = t.bytes().slice();
  const source: TensorSource = { byteLength: bytes.length, read: (o, target) => target.set(bytes.subarray(o, o + target.length)) };
  return Tensor.fromSource(t.dtype, t.shape, source);
}

function best(fn: () => void, reps = 7): number {
  fn();
  let min = Infinity;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

function ramp(shape: number[]): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return new Tensor(
    'float32',
    shape,
    new Float32Array(n).map((_, i) => i % 977),
  );
}

/** One markdown table row per transform: before, now (eager), now (lazy, into a reused block). */
export function transformRows(): string[] {
  const block = new Uint8Array(1 << 26);
  const cases: Array<{ name: string; x: Tensor; seed?: () => unknown; eager: () => unknown; lazy: (l: Tensor) => Tensor }> = [];
  const dense = ramp([2048, 2048]);
  cases.push({
    name: 'Dense kernel 2048×2048 [in, out] → [out, in]',
    x: dense,
    seed: () => seedTranspose(dense, [1, 0]),
    eager: () => transpose(dense, [1, 0]),
    lazy: (l) => transpose(l, [1, 0]),
  });
  const conv = ramp([3, 3, 256, 256]);
  cases.push({
    name: 'Conv kernel 3×3×256×256 HWIO → OIHW',
    x: conv,
    seed: () => seedTranspose(conv, [3, 2, 0, 1]),
    eager: () => transpose(conv, [3, 2, 0, 1]),
    lazy: (l) => transpose(l, [3, 2, 0, 1]),
  });
  const gates = ramp([1024, 4096]);
  const reorder = new ReorderBlocks(-1, [0, 2, 1, 3]);
  cases.push({
    name: 'LSTM gates 1024×4096, blocks [i, f, g, o] → [i, g, f, o]',
    x: gates,
    eager: () => reorder.forward(gates),
    lazy: (l) => reorder.forward(l),
  });
  return cases.map((c) => {
    const mib = c.x.byteLength / 2 ** 20;
    const lazy = c.lazy(lazyOver(c.x));
    const after = best(c.eager);
    const streamed = best(() => lazy.readBytes(0, block.subarray(0, lazy.byteLength)));
    const before = c.seed ? best(c.seed) : after;
    const cell = (ms: number): string => `${ms.toFixed(1)} ms (${(c.x.byteLength / 1e9 / (ms / 1e3)).toFixed(2)} GB/s)`;
    const speedup = (before / after).toFixed(1);
    return `| ${c.name} (${mib.toFixed(0)} MiB) | ${c.seed ? cell(before) : 'same code'} | ${cell(after)} | ${cell(streamed)} | ${c.seed ? `${speedup}×` : '–'} |`;
  });
}
