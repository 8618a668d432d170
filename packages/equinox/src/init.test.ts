import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Tensor } from '@interop/core';
import { PRNGKey, key } from '@interop/runtime';
import { describe, expect, it } from 'vitest';
import { GRUCell, LSTMCell } from './modules/cells.js';
import { Conv2d } from './modules/conv.js';
import { Embedding } from './modules/embedding.js';
import { Linear } from './modules/linear.js';
import { convInit, embeddingInit, gruCellInit, linearInit, lstmCellInit } from './modules/default-init.js';

type Encoded = { dtype: string; shape: number[]; bits: number[] };
const FILE = new URL('../../../tooling/conformance/fixtures/random/equinox.json', import.meta.url);
const layers = (JSON.parse(readFileSync(fileURLToPath(FILE), 'utf8')) as { layers: Record<string, Record<string, Encoded>> }).layers;

function bitsOf(t: Tensor): number[] {
  const d = t.data as Float32Array;
  return Array.from(new Uint32Array(d.buffer, d.byteOffset, d.length));
}

function expectInit(name: string, fields: Record<string, Tensor | null>): void {
  const want = layers[name]!;
  expect(Object.keys(fields).sort()).toEqual(Object.keys(want).sort());
  for (const [field, t] of Object.entries(fields)) {
    expect(t!.shape, field).toEqual(want[field]!.shape);
    expect(bitsOf(t!), field).toEqual(want[field]!.bits);
  }
}

describe("default init equals Equinox's for key(0), bit for bit", () => {
  const k = key(0);
  it('Linear(4, 8)', () => {
    const m = new Linear(4, 8, { key: k });
    expectInit('linear_4_8', { weight: m.weight, bias: m.bias });
  });
  it('Conv2d(3, 5, 3)', () => {
    const m = new Conv2d(3, 5, 3, { key: k });
    expectInit('conv2d_3_5_3', { weight: m.weight, bias: m.bias });
  });
  it('Embedding(10, 6)', () => {
    expectInit('embedding_10_6', { weight: new Embedding(10, 6, { key: k }).weight });
  });
  it('LSTMCell(3, 4)', () => {
    const m = new LSTMCell(3, 4, { key: k });
    expectInit('lstm_cell_3_4', { weight_ih: m.weightIh, weight_hh: m.weightHh, bias: m.bias });
  });
  it('GRUCell(3, 4)', () => {
    const m = new GRUCell(3, 4, { key: k });
    expectInit('gru_cell_3_4', { weight_ih: m.weightIh, weight_hh: m.weightHh, bias: m.bias, bias_n: m.biasN });
  });
});

describe('equinox: key splitting inside constructors', () => {
  const k = PRNGKey(0);
  const all = (got: Record<string, Tensor | null>, want: Record<string, Encoded>) => {
    for (const [name, e] of Object.entries(want)) {
      expect(got[name]?.shape).toEqual(e.shape);
      expect(bitsOf(got[name]!)).toEqual(e.bits);
    }
  };
  it('Linear, Conv2d, Embedding, LSTMCell, GRUCell', () => {
    all(linearInit(k, 4, 8), layers.linear_4_8!);
    all(convInit(k, 3, 5, [3, 3]), layers.conv2d_3_5_3!);
    all(embeddingInit(k, 10, 6), layers.embedding_10_6!);
    all(lstmCellInit(k, 3, 4), layers.lstm_cell_3_4!);
    all(gruCellInit(k, 3, 4), layers.gru_cell_3_4!);
  });
});
