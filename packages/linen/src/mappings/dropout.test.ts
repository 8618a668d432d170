import { createMappingTester } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { LinenNode } from '../adapter.js';
import { Dropout } from '../modules/dropout.js';
import { dropout } from './dropout.js';
import { expectGolden, golden } from '../__fixtures__/golden.js';

const tester = createMappingTester({ runLayer: (node: LinenNode, x) => node.module.apply(node.variables, x) });
const { fixture } = golden('dropout_deterministic');

tester.run(dropout, {
  valid: [
    { name: 'rate 0.3, deterministic', layer: new LinenNode(new Dropout(0.3, { deterministic: true }), {}), input: fixture.arrays.input },
  ],
});

describe('Dropout against flax.linen', () => {
  it('dropout_deterministic: identity, and the empty variables file', () => expectGolden('dropout_deterministic'));

  it('refuses to run without deterministic: true (no training-mode randomness here)', () => {
    expect(() => new Dropout(0.3).apply({}, fixture.arrays.input!)).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });
});
