// jax.vmap over one or several arguments, with inAxes (null passes an argument whole), and its refusals.
import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { vmap } from './jax.js';

const t = (shape: number[], values: number[]): Tensor => Tensor.fromArray(values, shape, 'float32');
const values = (x: Tensor) => Array.from(x.data as Float32Array);

describe('jax.vmap', () => {
  it('maps several arguments over the axes inAxes names, and passes null ones whole', () => {
    const xs = t([2, 3], [1, 2, 3, 4, 5, 6]);
    const ys = t([3, 2], [10, 40, 20, 50, 30, 60]); // mapped over axis 1: [10, 20, 30] and [40, 50, 60]
    const scale = t([], [2]);
    const f = (x: Tensor, y: Tensor, s: Tensor) => {
      const b = values(y);
      return t(
        [3],
        values(x).map((v, i) => (v + b[i]!) * values(s)[0]!),
      );
    };
    const out = vmap(f, { inAxes: [0, 1, null] })(xs, ys, scale);
    expect(out.shape).toEqual([2, 3]);
    expect(values(out)).toEqual([22, 44, 66, 88, 110, 132]);
  });

  it('stacks arrays of tensors element by element, and calls a module', () => {
    const module = { call: (x: Tensor): [Tensor, Tensor] => [x, x.reshape([1, ...x.shape])] };
    const [a, b] = vmap(module)(t([2, 2], [1, 2, 3, 4]));
    expect(a.shape).toEqual([2, 2]);
    expect(b.shape).toEqual([2, 1, 2]);
  });

  it('refuses batch sizes that differ, a mapped argument that is not a tensor, and inAxes of the wrong length', () => {
    const f = (x: Tensor, y: Tensor) => x.reshape(y.shape);
    expect(() => vmap(f)(t([2], [1, 2]), t([3], [1, 2, 3]))).toThrow(/different batch sizes: 2 and 3/);
    expect(() => vmap(f, { inAxes: [0, 0] })(t([2], [1, 2]), 5 as unknown as Tensor)).toThrow(/argument 1 over axis 0/);
    expect(() => vmap(f, { inAxes: [0] as unknown as [number, number] })(t([2], [1, 2]), t([2], [1, 2]))).toThrow(/1 axes for 2 arguments/);
  });
});
