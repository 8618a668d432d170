import { shapeOnly } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { Embedding, Linear, URLSTMCell, random } from './index.js';

const globalKey = () => Array.from(random.DEFAULT.value.data);

describe('shape-only builds', () => {
  it('give lazy float32 placeholders for named initialisers, draw nothing, and cannot be read', () => {
    random.seed(0);
    const before = globalKey();
    const [linear, embedding, cell] = shapeOnly(() => [new Linear(3, 5), new Embedding(6, 4, { paddingIdx: 2 }), new URLSTMCell(3, 4)]);
    expect(globalKey()).toEqual(before);
    const w = linear!.weight.value.weight!;
    expect([w.isLazy, w.dtype, w.shape]).toEqual([true, 'float32', [3, 5]]);
    expect((embedding as Embedding).weight.value.shape).toEqual([6, 4]);
    expect((cell as URLSTMCell).bias.value.shape).toEqual([4]);
    expect(() => w.data).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT', message: expect.stringContaining('shape-only') }));
    expect(new Linear(3, 5).weight.value.weight!.isLazy).toBe(false);
  });

  it('refuse what a build with values refuses', () => {
    expect(() => shapeOnly(() => new Linear(3, 5, { wInit: 'NoSuchInit' }))).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT', message: expect.stringContaining('NoSuchInit') }),
    );
    expect(() => shapeOnly(() => new Embedding(6, 4, { paddingIdx: 6 }))).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });
});
