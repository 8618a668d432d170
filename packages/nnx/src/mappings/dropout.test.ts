import { describe, expect, it } from 'vitest';
import { Dropout } from '../modules/dropout.js';
import { goldenCases, tester } from '../__fixtures__/mapping.js';
import { dropout } from './dropout.js';

tester.run(dropout, { valid: goldenCases(['dropout_deterministic']) });

describe('Dropout', () => {
  it('is built deterministic from the IR, keeping the rate', () => {
    const d = dropout.fromIR({ kind: 'dropout', params: { rate: 0.3 }, tensors: {} }, {} as never) as Dropout;
    expect([d.rate, d.deterministic]).toEqual([0.3, true]);
  });
});
