import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { BatchNorm1d, Conv1d, Dropout, Embedding, GroupNorm, LSTMCell, LayerNorm, Linear, RMSNorm, ValinaRNNCell } from './index.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

describe("constructors take Python's arguments: positionals in declaration order, then keywords", () => {
  it('Linear(in_size, out_size, w_init, b_init) and in_size/out_size on the layer', () => {
    const l = new Linear(4, 8, 'ZeroInit', null);
    expect(l.inSize).toEqual([4]);
    expect(l.outSize).toEqual([8]);
    expect(Object.keys(l.weight.value)).toEqual(['weight']);
    expect(Array.from(l.weight.value.weight!.toArray()).every((v) => v === 0)).toBe(true);
    expect(new Linear({ inSize: 3, outSize: 5 }).weight.value.bias!.shape).toEqual([5]);
  });

  it("Conv1d([16, 4], 6, 3, { stride: 2, groups: 2 }) computes out_size as BrainState's shape evaluation", () => {
    const c = new Conv1d([16, 4], 6, 3, { stride: 2, groups: 2 });
    expect(c.outSize).toEqual([8, 6]);
    expect(c.weight.value.weight!.shape).toEqual([3, 2, 6]);
    expect(c.weight.value.bias).toBeUndefined(); // b_init defaults to None for convs
    expect(new Conv1d([16, 4], 6, 3, 1, 'VALID').outSize).toEqual([14, 6]);
  });

  it('keyword-only arguments after * cannot be passed positionally; unknown names are refused', () => {
    expect(new LayerNorm(6, -1, -1, { epsilon: 1e-3 }).epsilon).toBe(1e-3);
    expect(code(() => new LayerNorm(6, -1, -1, 1e-3 as never))).toBe('E_INVALID_ARGUMENT');
    expect(code(() => new RMSNorm(6, { useBias: false } as never))).toBe('E_INVALID_ARGUMENT');
    expect(code(() => new Linear(3, 4, { wMask: Tensor.zeros([3, 4], 'float32') } as never))).toBe('E_INVALID_ARGUMENT');
    expect(code(() => new Linear(3))).toBe('E_INVALID_ARGUMENT');
  });

  it("BrainState's defaults", () => {
    expect(new LayerNorm(6)).toMatchObject({ epsilon: 1e-6, useScale: true, useBias: true, useFastVariance: true });
    expect(new RMSNorm(6)).toMatchObject({ epsilon: 1e-6, useScale: true });
    expect(new GroupNorm(64)).toMatchObject({ numGroups: 32, epsilon: 1e-6 });
    expect(new BatchNorm1d([5, 3])).toMatchObject({
      epsilon: Math.fround(1e-5),
      momentum: Math.fround(0.99),
      affine: true,
      trackRunningStats: true,
    });
    expect(new Dropout().prob).toBe(0.5);
    expect(new ValinaRNNCell(3, 4).activation).toBe('relu');
    expect(new Embedding(7, 4).outSize).toEqual([4]);
  });

  it('cell.initState(2) makes zero hidden states of (batch, num_out); calling before it is refused', () => {
    const cell = new LSTMCell(3, 4);
    expect(code(() => cell.call(Tensor.zeros([2, 3], 'float32')))).toBe('E_INVALID_ARGUMENT');
    cell.initState(2);
    expect(cell.h!.value.shape).toEqual([2, 4]);
    expect(cell.c!.value.shape).toEqual([2, 4]);
    expect(cell.call(Tensor.zeros([2, 3], 'float32')).shape).toEqual([2, 4]);
  });
});
