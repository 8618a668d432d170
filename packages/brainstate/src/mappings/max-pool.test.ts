import { describe, expect, it } from 'vitest';
import { tester } from '../__fixtures__/tester.js';
import { goldenTree } from '../__fixtures__/trees.js';
import { MaxPool1d, MaxPool2d, MaxPool3d } from '../modules/pool.js';
import type { Pool } from '../modules/pool.js';
import { maxPool1d, maxPool2d, maxPool3d } from './max-pool.js';

const valid = (names: string[]) =>
  names.map((name) => {
    const { module, fixture } = goldenTree(name);
    return { name, layer: module as Pool, input: fixture.arrays.input };
  });

tester.run(maxPool1d, { valid: valid(['maxpool1d_default_stride']) });
tester.run(maxPool2d, { valid: valid(['maxpool2d_same', 'maxpool2d_pairs', 'maxpool2d_unbatched']) });
tester.run(maxPool3d, { valid: valid(['maxpool3d']) });

describe('MaxPool ↔ pool', () => {
  it('the stride defaults to the window (Flax and Equinox default to 1)', () => {
    expect(maxPool2d.toIR(new MaxPool2d(2), {} as never).params).toEqual({
      op: 'max',
      windowShape: [2, 2],
      strides: [2, 2],
      padding: 'VALID',
      countIncludePad: true,
    });
    expect(maxPool1d.toIR(new MaxPool1d(3, 1, 1), {} as never).params).toMatchObject({ strides: [1], padding: [[1, 1]] });
  });

  it('builds the class of the rank, stating the stride', () => {
    const ir = maxPool3d.toIR(new MaxPool3d([2, 2, 1], null, [[1, 0]]), {} as never);
    const built = maxPool3d.fromIR(ir, {} as never) as MaxPool3d;
    expect(built).toBeInstanceOf(MaxPool3d);
    expect([built.kernelSize, built.stride, built.padding]).toEqual([
      [2, 2, 1],
      [2, 2, 1],
      [
        [1, 0],
        [1, 0],
        [1, 0],
      ],
    ]);
    expect(maxPool2d.accepts!(ir)).toBe(false);
  });

  it('refuses what it does not compute', () => {
    expect(() => new MaxPool2d(2, null, 'VALID', { channelAxis: null })).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT', message: expect.stringContaining('channel_axis') }),
    );
    expect(() => new MaxPool2d(2, { returnIndices: true })).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT', message: expect.stringContaining('return_indices') }),
    );
    expect(() => new MaxPool2d(2, 1, 'FULL' as never)).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
    expect(() => new MaxPool2d(2, 1, [1, 2, 3])).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
    expect(() => new MaxPool2d(2).call(new MaxPool2d(2).toIR() as never)).toThrow();
  });
});
