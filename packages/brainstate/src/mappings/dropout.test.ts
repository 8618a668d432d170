import { describe, expect, it } from 'vitest';
import { tester } from '../__fixtures__/tester.js';
import { golden } from '../__fixtures__/golden.js';
import { Dropout } from '../modules/dropout.js';
import { dropout } from './dropout.js';

const { module, fixture } = golden('dropout_eval');

tester.run(dropout, { valid: [{ name: 'keep 0.7, eval mode', layer: module as Dropout, input: fixture.arrays.input }] });

describe('Dropout ↔ dropout', () => {
  it('prob keeps, rate drops: rate = 1 - prob and back', () => {
    expect(dropout.toIR(new Dropout(0.7), {} as never).params.rate).toBeCloseTo(0.3, 15);
    expect((dropout.fromIR({ kind: 'dropout', params: { rate: 0.25 }, tensors: {} }, {} as never) as Dropout).prob).toBe(0.75);
  });
});
