import { createConversionContext } from '@interop/core';
import { key } from '@interop/runtime';
import { describe, expect, it } from 'vitest';
import { EqxNode } from '../adapter.js';
import { goldenCase, tester } from '../__fixtures__/mapping.js';
import { GRUCell } from '../modules/cells.js';
import { gruCell } from './gru-cell.js';

tester.run(gruCell, {
  valid: [goldenCase('grucell'), { name: 'no bias', layer: new EqxNode(new GRUCell(3, 4, false, { key: key(2) })) }],
});

describe('GRUCell ↔ gru-cell', () => {
  it('bias_n is the IR hiddenBiasN; an IR without it gets zeros', () => {
    const ctx = createConversionContext({ framework: 'equinox', direction: 'toIR' });
    const cell = new GRUCell(3, 4, { key: key(0) });
    const ir = gruCell.toIR(new EqxNode(cell), ctx);
    expect(ir.tensors.hiddenBiasN).toBe(cell.biasN);
    const { hiddenBiasN: _, ...tensors } = ir.tensors;
    const back = gruCell.fromIR({ ...ir, tensors }, ctx).module as GRUCell;
    expect(Array.from(back.biasN!.toFloat32())).toEqual([0, 0, 0, 0]);
  });
});
