import { Tensor, isInteropError } from '@interop/core';
import { describe, expect, it } from 'vitest';
import {
  BatchNorm1d,
  Conv2d,
  Embedding,
  GRUCell,
  GroupNorm,
  LSTMCell,
  LayerNorm,
  Linear,
  RMSNorm,
  Sequential,
  environ,
  inferArchitecture,
  moduleFromSpec,
  msgpackLoad,
} from './index.js';

const z = (s: number[]) => Tensor.zeros(s, 'float32');

/** Bad input of every kind: each must be an InteropError with this code, never a plain Error. */
const cases: Array<[string, () => unknown, string]> = [
  ['Linear on the wrong width', () => new Linear(3, 5).call(z([2, 4])), 'E_SHAPE_MISMATCH'],
  ['LayerNorm on the wrong width', () => new LayerNorm(6).call(z([2, 5])), 'E_SHAPE_MISMATCH'],
  ['RMSNorm on the wrong width', () => new RMSNorm(6).call(z([2, 5])), 'E_SHAPE_MISMATCH'],
  ['GroupNorm on the wrong width', () => new GroupNorm(8, -1, 2).call(z([2, 6])), 'E_SHAPE_MISMATCH'],
  ['GroupNorm without a batch axis', () => new GroupNorm(8, -1, 2).call(z([8])), 'E_SHAPE_MISMATCH'],
  [
    'BatchNorm1d on another in_size',
    () => environ.context({ fit: false }, () => new BatchNorm1d([5, 3]).call(z([2, 4, 3]))),
    'E_SHAPE_MISMATCH',
  ],
  ['Embedding index out of range', () => new Embedding(3, 2).call(Tensor.fromArray([5], [1], 'int32')), 'E_INVALID_ARGUMENT'],
  ['Embedding with float indices', () => new Embedding(3, 2).call(z([2])), 'E_DTYPE'],
  [
    'LSTMCell on the wrong width',
    () => {
      const c = new LSTMCell(3, 4);
      c.initState(2);
      return c.call(z([2, 5]));
    },
    'E_SHAPE_MISMATCH',
  ],
  [
    'GRUCell batch differs from its state',
    () => {
      const c = new GRUCell(3, 4);
      c.initState(2);
      return c.call(z([3, 3]));
    },
    'E_SHAPE_MISMATCH',
  ],
  ['msgpack garbage', () => msgpackLoad(new Linear(3, 4), new Uint8Array([1, 2, 3])), 'E_FORMAT_CORRUPT'],
  ['a null spec', () => moduleFromSpec(null as never), 'E_INVALID_SPEC'],
  ['a string in_size', () => moduleFromSpec({ type: 'Linear', in_size: 'x', out_size: 3 }), 'E_INVALID_ARGUMENT'],
  [
    "Flax's CIRCULAR padding (BrainState's ValueError)",
    () => moduleFromSpec({ type: 'Conv2d', in_size: [4, 4, 3], out_channels: 2, kernel_size: 3, padding: 'CIRCULAR' }),
    'E_INVALID_ARGUMENT',
  ],
  ['groups not dividing the channels', () => new Conv2d([4, 4, 3], 4, 3, { groups: 2 }), 'E_INVALID_ARGUMENT'],
  ['Conv2d in_size of the wrong rank', () => new Conv2d([4, 3], 4, 3), 'E_INVALID_ARGUMENT'],
  ['an empty state file to infer from', () => inferArchitecture(new Uint8Array([0x80])), 'E_MISSING_ARCH'],
  ['a call on a plain array', () => new Linear(3, 4).call([1, 2, 3] as never), 'E_INVALID_ARGUMENT'],
  ['a Sequential called on nothing', () => new Sequential(new Linear(3, 4)).call(undefined as never), 'E_INVALID_ARGUMENT'],
];

describe('errors are InteropErrors that say what was wrong', () => {
  it.each(cases)('%s', (_, fn, code) => {
    let err: unknown;
    try {
      fn();
    } catch (e) {
      err = e;
    }
    expect(isInteropError(err)).toBe(true);
    expect((err as { code: string }).code).toBe(code);
    expect((err as Error).message.length).toBeGreaterThan(10);
  });
});
