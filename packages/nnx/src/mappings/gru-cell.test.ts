import { Tensor } from '@interop/core';
import type { GRUCellIR } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { goldenCases, tester } from '../__fixtures__/mapping.js';
import type { GRUCell } from '../modules/gru-cell.js';
import { gruCell } from './gru-cell.js';

const [grucell] = goldenCases(['grucell'], false);
const ir = gruCell.toIR(grucell!.layer as GRUCell, {} as never) as GRUCellIR;
const withBhn: GRUCellIR = {
  ...ir,
  tensors: { ...ir.tensors, hiddenBiasN: Tensor.fromArray(new Float32Array([0, 0.25, 0, 0]), [4], 'float32') },
};

tester.run(gruCell, {
  valid: goldenCases(['grucell'], false),
  invalid: [{ name: 'a GRU whose b_hn is non-zero', ir: withBhn, error: 'E_CONVERSION' }],
});

describe('GRUCell ↔ gru-cell', () => {
  it('reads exact zeros for the hidden candidate bias NNX does not have', () => {
    expect(Array.from(ir.tensors.hiddenBiasN!.data as Float32Array)).toEqual([0, 0, 0, 0]);
  });

  it('refuses a non-zero b_hn saying why, not approximating', () => {
    expect(() => gruCell.fromIR(withBhn, {} as never)).toThrow(/no hidden-side bias on the candidate gate \(b_hn\)/);
  });
});
