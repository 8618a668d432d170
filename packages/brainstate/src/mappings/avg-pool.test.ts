import type { PoolIR } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { tester } from '../__fixtures__/tester.js';
import { goldenTree } from '../__fixtures__/trees.js';
import { AvgPool2d } from '../modules/pool.js';
import type { Pool } from '../modules/pool.js';
import { avgPool1d, avgPool2d, avgPool3d } from './avg-pool.js';

const valid = (names: string[]) =>
  names.map((name) => {
    const { module, fixture } = goldenTree(name);
    return { name, layer: module as Pool, input: fixture.arrays.input };
  });

const flaxAvg = (padding: PoolIR['params']['padding'], countIncludePad: boolean): PoolIR => ({
  kind: 'pool',
  params: { op: 'avg', windowShape: [3, 3], strides: [2, 2], padding, countIncludePad },
  tensors: {},
});

tester.run(avgPool1d, { valid: valid(['avgpool1d']) });
tester.run(avgPool2d, {
  valid: valid(['avgpool2d_int_padding', 'avgpool2d_same', 'avgpool2d_default_stride']),
  invalid: [
    {
      name: "Flax's avg_pool counting the padding",
      ir: flaxAvg(
        [
          [1, 1],
          [1, 1],
        ],
        true,
      ),
      error: 'E_CONVERSION',
    },
    { name: 'SAME padding that counts the padding, no sample input to tell its size', ir: flaxAvg('SAME', true), error: 'E_CONVERSION' },
    {
      name: 'SAME padding that counts the padding and pads this input',
      ir: flaxAvg('SAME', true),
      sampleInput: [5, 4, 2],
      error: 'E_CONVERSION',
    },
  ],
});
tester.run(avgPool3d, { valid: valid(['avgpool3d']) });

describe('AvgPool ↔ pool', () => {
  it('averages over the valid elements only where it pads, as the whole window where it does not', () => {
    expect(avgPool2d.toIR(new AvgPool2d(3, 1, 1), {} as never).params).toEqual({
      op: 'avg',
      windowShape: [3, 3],
      strides: [1, 1],
      padding: [
        [1, 1],
        [1, 1],
      ],
      countIncludePad: false,
    });
    expect(avgPool2d.toIR(new AvgPool2d(2), {} as never).params).toEqual({
      op: 'avg',
      windowShape: [2, 2],
      strides: [1, 1],
      padding: 'VALID',
      countIncludePad: true,
    });
  });

  it('builds an average that reads no padding whichever divisor it names', () => {
    const evenSame: PoolIR = { ...flaxAvg('SAME', true), params: { ...flaxAvg('SAME', true).params, windowShape: [2, 2] } };
    const built = avgPool2d.fromIR(evenSame, { inputShape: [4, 6, 2] } as never) as AvgPool2d;
    expect([built.padding, built.kernelSize, built.stride]).toEqual(['SAME', [2, 2], [2, 2]]);
    expect(
      (
        avgPool2d.fromIR(
          flaxAvg(
            [
              [1, 1],
              [1, 1],
            ],
            false,
          ),
          {} as never,
        ) as AvgPool2d
      ).padding,
    ).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect((avgPool2d.fromIR(flaxAvg('VALID', true), {} as never) as AvgPool2d).padding).toBe('VALID');
  });
});
