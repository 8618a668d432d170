import { createMappingTester } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { LinenNode } from '../adapter.js';
import { gruCell } from './gru-cell.js';
import { expectCellGolden } from '../__fixtures__/cell-golden.js';
import { golden } from '../__fixtures__/golden.js';

const { module, variables } = golden('grucell');

createMappingTester().run(gruCell, { valid: [{ name: 'Flax checkpoint', layer: new LinenNode(module, variables) }] });

describe('GRUCell against flax.linen', () => {
  it('grucell: every step h and output, and msgpack bytes', () => expectCellGolden('grucell'));

  it('reads ir, hr, iz, hz, in, hn with a bias on hn only among the hidden Denses', () => {
    expect(Object.keys(variables.params!)).toEqual(['ir', 'hr', 'iz', 'hz', 'in', 'hn']);
  });
});
