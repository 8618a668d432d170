import type { Tensor } from '@interop/core';
import { PRNGKey } from '@interop/runtime';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { convInit, embeddingInit, gruCellInit, linearInit, lstmCellInit } from './default-init.js';

type Encoded = { dtype: string; shape: number[]; bits: number[] };
type Layers = Record<string, Record<string, Encoded>>;

const bitsOf = (t: Tensor) => {
  const d = t.data as Float32Array;
  return Array.from(new Uint32Array(d.buffer, d.byteOffset, d.length));
};
const exact = (t: Tensor | null, e: Encoded) => {
  expect(t?.shape).toEqual(e.shape);
  expect(bitsOf(t!)).toEqual(e.bits);
};

describe('equinox: key splitting inside constructors', () => {
  const { layers } = loadFixture('random', 'equinox').manifest as unknown as { layers: Layers };
  const k = PRNGKey(0);
  const all = (got: Record<string, Tensor | null>, want: Record<string, Encoded>) => {
    for (const [name, e] of Object.entries(want)) exact(got[name]!, e);
  };
  it('Linear, Conv2d, Embedding, LSTMCell, GRUCell', () => {
    all(linearInit(k, 4, 8), layers.linear_4_8!);
    all(convInit(k, 3, 5, [3, 3]), layers.conv2d_3_5_3!);
    all(embeddingInit(k, 10, 6), layers.embedding_10_6!);
    all(lstmCellInit(k, 3, 4), layers.lstm_cell_3_4!);
    all(gruCellInit(k, 3, 4), layers.gru_cell_3_4!);
  });
});
