import { sliceAxis } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { golden } from '../__fixtures__/golden.js';
import { cellTester } from '../__fixtures__/tester.js';
import { GRUCell } from '../modules/gru-cell.js';
import { gruCell } from './gru-cell.js';

const { module, fixture } = golden('grucell');
const x0 = sliceAxis(fixture.arrays.input!, 0, 0, 1).reshape(fixture.arrays.input!.shape.slice(1));

cellTester.run(gruCell, { valid: [{ name: 'BrainState checkpoint', layer: module as GRUCell, input: x0 }] });

describe('GRUCell ↔ gru-cell-cho', () => {
  it('Wrz is the gate kernel (in+h, 2h), Wh the candidate kernel (in+h, h)', () => {
    const ir = gruCell.toIR(module as GRUCell, {} as never);
    expect(ir.kind).toBe('gru-cell-cho');
    expect(ir.tensors.gateKernel!.shape).toEqual([7, 8]);
    expect(ir.tensors.candidateKernel!.shape).toEqual([7, 4]);
    expect(ir.tensors.gateBias).toBe((module as GRUCell).Wrz.weight.value.bias);
  });
});
