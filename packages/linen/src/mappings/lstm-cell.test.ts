import { Tensor } from '@interop/core';
import { key } from '@interop/runtime';
import { createMappingTester } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { LinenNode } from '../adapter.js';
import { LSTMCell } from '../modules/lstm-cell.js';
import type { VariableTree } from '../variables.js';
import { lstmCell } from './lstm-cell.js';
import { expectCellGolden } from '../__fixtures__/cell-golden.js';
import { golden } from '../__fixtures__/golden.js';
import { bitsOf, linenInit } from '../__fixtures__/random-init.js';

const { module, variables } = golden('lstmcell');

createMappingTester().run(lstmCell, { valid: [{ name: 'Flax checkpoint', layer: new LinenNode(module, variables) }] });

describe('LSTMCell against flax.linen', () => {
  it('lstmcell: every step (c, h) and output, and msgpack bytes', () => expectCellGolden('lstmcell'));

  it('reads the params in creation order ii, hi, if, hf, ig, hg, io, ho', () => {
    expect(Object.keys(variables.params!)).toEqual(['ii', 'hi', 'if', 'hf', 'ig', 'hg', 'io', 'ho']);
  });

  it('init(key(0), carry, x): input kernels bit for bit, recurrent within the orthogonal bound', () => {
    const want = linenInit('lstm_cell_4');
    const cell = new LSTMCell(4);
    const x = Tensor.zeros([1, 3], 'float32');
    const v = cell.init(key(0), cell.initializeCarry(key(1), x.shape), x);
    const p = v.params!;
    for (const g of ['i', 'f', 'g', 'o']) {
      expect(bitsOf((p[`i${g}`] as VariableTree).kernel as Tensor)).toEqual(want[`i${g}/kernel`]!.bits);
      const got = (p[`h${g}`] as VariableTree).kernel as Tensor;
      const ref = new Float32Array(new Uint32Array(want[`h${g}/kernel`]!.bits).buffer);
      Array.from(got.data as Float32Array).forEach((value, i) => expect(Math.abs(value - ref[i]!)).toBeLessThanOrEqual(5e-7));
      expect(bitsOf((p[`h${g}`] as VariableTree).bias as Tensor)).toEqual(want[`h${g}/bias`]!.bits);
    }
    expect(Object.keys(p)).toEqual(['ii', 'hi', 'if', 'hf', 'ig', 'hg', 'io', 'ho']);
  });

  it('names a missing gate', () => {
    const { ho: _, ...rest } = variables.params!;
    expect(() => new LSTMCell(4).toIR({ params: rest })).toThrow(/'ho\/kernel'/);
  });
});
