import { describe, expect, it } from 'vitest';
import { convPadding, paddingFromIR, perAxis } from './conv.js';
import type { ConvIR } from '@interop/core';

const ir = (padding: ConvIR['params']['padding'], paddingMode: ConvIR['params']['paddingMode']): ConvIR => ({
  kind: 'conv',
  params: {
    inFeatures: 1,
    outFeatures: 1,
    kernelSize: [3],
    strides: [1],
    padding,
    paddingMode,
    inputDilation: [1],
    kernelDilation: [2],
    featureGroups: 1,
  },
  tensors: {},
});

describe('Flax conv padding', () => {
  it('reads modes, ints and pairs as canonicalize_padding does, and back', () => {
    expect(convPadding('same', [3, 3], [1, 1])).toEqual({ padding: 'SAME', paddingMode: 'zeros' });
    expect(convPadding(1, [3], [1])).toEqual({ padding: [[1, 1]], paddingMode: 'zeros' });
    expect(convPadding([[0, 1]], [3], [1])).toEqual({ padding: [[0, 1]], paddingMode: 'zeros' });
    expect(convPadding('CIRCULAR', [3], [2])).toEqual({ padding: [[2, 2]], paddingMode: 'circular' });
    expect(paddingFromIR(ir([[2, 2]], 'circular'), 'NNX')).toBe('CIRCULAR');
    expect(perAxis(null, 2, 'strides')).toEqual([1, 1]);
  });

  it('refuses what Flax refuses', () => {
    expect(() => convPadding('CAUSAL', [3, 3], [1, 1])).toThrow(/only implemented for 1D/);
    expect(() => convPadding([1], [3, 3], [1, 1])).toThrow(/Invalid padding format/);
    expect(() => convPadding('circular', [3], [1])).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
    expect(() => paddingFromIR(ir([[1, 1]], 'replicate'), 'Linen')).toThrow(/Linen Conv has no replicate/);
    expect(() => perAxis([1, 2, 3], 2, 'strides')).toThrow(/3 entries for 2 spatial axes/);
  });
});
