import { describe, expect, it } from 'vitest';
import type { LSTMCell } from '../modules/lstm-cell.js';
import { goldenCases, tester } from '../__fixtures__/mapping.js';
import { lstmCell } from './lstm-cell.js';

tester.run(lstmCell, { valid: goldenCases(['lstmcell', 'lstmcell_bf16'], false) });

describe('LSTMCell ↔ lstm-cell', () => {
  it('keeps bfloat16 gate params and the cell dtype', () => {
    const [c] = goldenCases(['lstmcell_bf16'], false);
    const built = lstmCell.fromIR(lstmCell.toIR(c!.layer as LSTMCell, {} as never), {} as never) as LSTMCell;
    expect([built.ii.kernel.value.dtype, built.ho.bias!.value.dtype, built.dtype]).toEqual(['bfloat16', 'bfloat16', 'bfloat16']);
  });
});
