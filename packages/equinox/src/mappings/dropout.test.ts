import { createConversionContext } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { goldenCase, tester } from '../__fixtures__/mapping.js';
import { Dropout } from '../modules/dropout.js';
import { dropout } from './dropout.js';

tester.run(dropout, { valid: [goldenCase('dropout_inference')] });

describe('Dropout ↔ dropout', () => {
  it('is built with inference=True and p = rate', () => {
    const ctx = createConversionContext({ framework: 'equinox', direction: 'fromIR' });
    const m = dropout.fromIR({ kind: 'dropout', params: { rate: 0.25 }, tensors: {} }, ctx).module as Dropout;
    expect([m.p, m.inference]).toEqual([0.25, true]);
  });
});
