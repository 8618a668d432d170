import type { IRNode, LayerIR } from '@interop/core';
import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { NODE_BACKENDS } from './__fixtures__/backends.js';
import { randn } from './__fixtures__/random.js';
import { runIR } from './index.js';

const code = (c: string) => expect.objectContaining({ code: c });
const node = (kind: string, params: Record<string, unknown>) => ({ kind, params, tensors: {} }) as IRNode as LayerIR;
const pool = (params: Record<string, unknown>) =>
  node('pool', { op: 'max', windowShape: [2, 2], strides: [2, 2], padding: 'VALID', countIncludePad: true, ...params });

describe.each(NODE_BACKENDS)('stateless ops on %s', (backend) => {
  it('flatten and reshape keep the C-order values of each example', () => {
    const x = randn([2, 3, 2, 2], 1);
    const flat = runIR(node('flatten', {}), x, { backend });
    expect([...flat.shape]).toEqual([2, 12]);
    expect(flat.toArray()).toEqual(Array.from(x.data));
    const back = runIR(node('reshape', { shape: [2, -1, 3] }), flat, { backend });
    expect([...back.shape]).toEqual([2, 2, 2, 3]);
    expect(back.toArray()).toEqual(Array.from(x.data));
    expect([...runIR(node('flatten', {}), randn([3], 1), { backend }).shape]).toEqual([3, 1]);
  });

  it('a max pool over an all-negative map never reads its padding as zero', () => {
    const x = new Tensor('float32', [1, 3, 1, 1], Float32Array.of(-5, -6, -7));
    const y = runIR(
      pool({
        windowShape: [2, 1],
        strides: [2, 1],
        padding: [
          [1, 1],
          [0, 0],
        ],
      }),
      x,
      { backend },
    );
    expect(y.toArray()).toEqual([-5, -6]);
  });
});

describe('stateless op checks', () => {
  const x = randn([2, 4, 4, 3], 1);

  it('E_INVALID_IR for malformed params', () => {
    expect(() => runIR(pool({ op: 'min' }), x)).toThrow(code('E_INVALID_IR'));
    expect(() => runIR(pool({ windowShape: [2, 0] }), x)).toThrow(code('E_INVALID_IR'));
    expect(() => runIR(pool({ strides: [2] }), x)).toThrow(code('E_INVALID_IR'));
    expect(() => runIR(pool({ padding: 'SAME_LOWER' }), x)).toThrow(code('E_INVALID_IR'));
    expect(() =>
      runIR(
        pool({
          padding: [
            [1, -1],
            [0, 0],
          ],
        }),
        x,
      ),
    ).toThrow(code('E_INVALID_IR'));
    expect(() => runIR(pool({ countIncludePad: 'yes' }), x)).toThrow(code('E_INVALID_IR'));
    expect(() => runIR(node('reshape', { shape: '4' }), x)).toThrow(code('E_INVALID_IR'));
    expect(() => runIR(node('mean', { axes: [], keepdims: false }), x)).toThrow(code('E_INVALID_IR'));
    expect(() => runIR(node('softmax', { axis: 0.5, log: false }), x)).toThrow(code('E_INVALID_IR'));
  });

  it('E_SHAPE_MISMATCH for inputs that do not fit', () => {
    expect(() => runIR(pool({}), randn([2, 4, 3], 1))).toThrow(code('E_SHAPE_MISMATCH'));
    expect(() => runIR(node('reshape', { shape: [5, -1] }), x)).toThrow(code('E_SHAPE_MISMATCH'));
    expect(() => runIR(node('mean', { axes: [3], keepdims: false }), x)).toThrow(code('E_SHAPE_MISMATCH'));
    expect(() => runIR(node('softmax', { axis: -4, log: true }), x)).toThrow(code('E_SHAPE_MISMATCH'));
  });
});
