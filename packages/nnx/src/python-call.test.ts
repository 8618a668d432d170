import { describe, expect, it } from 'vitest';
import { BatchNorm } from './modules/batch-norm.js';
import { Conv } from './modules/conv.js';
import { Dropout } from './modules/dropout.js';
import { Embed } from './modules/embed.js';
import { GRUCell } from './modules/gru-cell.js';
import { GroupNorm } from './modules/group-norm.js';
import { LSTMCell } from './modules/lstm-cell.js';
import { LayerNorm } from './modules/layer-norm.js';
import { Linear } from './modules/linear.js';
import { RMSNorm } from './modules/rms-norm.js';
import { Rngs } from './rngs.js';

const rngs = new Rngs(0);
const invalid = expect.objectContaining({ code: 'E_INVALID_ARGUMENT' });
type Ctor = new (...a: unknown[]) => unknown;

describe("constructors take NNX's positional parameters in order, then keywords", () => {
  it('Conv(in_features, out_features, kernel_size, strides, *, padding, ...)', () => {
    const c = new Conv(3, 4, [3, 3], [2, 1], { rngs, padding: 'VALID', kernelDilation: 2, featureGroupCount: 1 });
    expect([c.strides, c.padding, c.kernelDilation]).toEqual([[2, 1], 'VALID', [2, 2]]);
    expect(new Conv(3, 4, 3, { rngs }).kernelSize).toEqual([3]);
    expect(() => new (Conv as unknown as Ctor)(3, 4, [3, 3], 1, 'VALID', { rngs })).toThrow(invalid);
  });

  it('GroupNorm(num_features, num_groups=32, group_size=None, *, ...)', () => {
    expect(new GroupNorm(64, { rngs }).numGroups).toBe(32);
    expect(new GroupNorm(8, null, 2, { rngs }).numGroups).toBe(4);
    expect(() => new GroupNorm(8, { groupSize: 2, rngs })).toThrow(invalid);
    expect(() => new GroupNorm(8, { rngs })).toThrow(invalid);
  });

  it("Flax's defaults", () => {
    expect(new LayerNorm(6, { rngs })).toMatchObject({ epsilon: 1e-6, useBias: true, useScale: true, useFastVariance: true });
    expect(new RMSNorm(6, { rngs })).toMatchObject({ epsilon: 1e-6, useScale: true });
    expect(new BatchNorm(3, { rngs })).toMatchObject({
      useRunningAverage: false,
      momentum: 0.99,
      epsilon: 1e-5,
      useBias: true,
      useScale: true,
    });
    expect(new Dropout(0.5)).toMatchObject({ deterministic: false, broadcastDims: [], rngCollection: 'dropout' });
    expect(new Linear(2, 3, { rngs })).toMatchObject({ useBias: true, dtype: null, paramDtype: 'float32' });
  });

  it('keyword-only parameters cannot come positionally; unknown or unmodelled keywords are refused', () => {
    for (const make of [
      () => new (LayerNorm as unknown as Ctor)(6, 1e-5, { rngs }),
      () => new (Embed as unknown as Ctor)(7, 4, 'float32', { rngs }),
      () => new LSTMCell(3, 4, { rngs, gateFn: 'relu' } as never),
      () => new GRUCell(3, 4, { rngs, kernelInit: null, bogus: 1 } as never),
      () => new Linear(3, 4, { rngs, precision: 'highest' } as never),
      () => new (Linear as unknown as Ctor)(3),
    ]) {
      expect(make).toThrow(invalid);
    }
  });

  it('rngs is required where NNX requires it', () => {
    for (const make of [
      // @ts-expect-error rngs is required in the type too; this checks the run-time error for JS callers
      () => new Linear(3, 4),
      // @ts-expect-error
      () => new Conv(3, 4, [3]),
      // @ts-expect-error
      () => new LayerNorm(3),
      // @ts-expect-error
      () => new LSTMCell(3, 4),
      // @ts-expect-error
      () => new GRUCell(3, 4),
    ]) {
      expect(make).toThrow(invalid);
    }
    expect(new Dropout(0.1).rngs).toBeNull();
  });
});
