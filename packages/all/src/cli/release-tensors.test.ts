// Verification reads a layer's lazy tensors when it runs and drops their values after.
import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { releasingAfter, tensorsIn } from './release-tensors.js';

const lazy = () => {
  let reads = 0;
  const t = Tensor.fromSource('float32', [2], {
    byteLength: 8,
    read(offset, target) {
      reads++;
      target.set(new Uint8Array(Float32Array.of(1, 2).buffer).subarray(offset, offset + target.length));
    },
  });
  return { t, reads: () => reads };
};

describe('releasingAfter', () => {
  it('finds tensors through objects, arrays and maps, and releases the values read while f ran', () => {
    const a = lazy();
    const b = lazy();
    const node = { params: { kernel: a.t }, children: [new Map([['x', b.t]])] };
    expect(tensorsIn(node)).toHaveLength(2);
    const sum = releasingAfter([node], () => a.t.toFloat32()[1]! + (b.t.data as Float32Array)[0]!);
    expect(sum).toBe(3);
    expect([a.t.isLazy, b.t.isLazy]).toEqual([true, true]);
    expect(Array.from(b.t.data as Float32Array)).toEqual([1, 2]);
    expect(b.reads()).toBe(2);
  });
});
