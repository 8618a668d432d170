import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { golden } from '../__fixtures__/golden.js';
import { tester } from '../__fixtures__/tester.js';
import { Embedding } from '../modules/embedding.js';
import { embedding } from './embedding.js';

const { module, fixture } = golden('embedding');

tester.run(embedding, {
  valid: [{ name: 'BrainState checkpoint', layer: module as Embedding, input: fixture.arrays.input }],
  invalid: [{ name: 'a table of more than two dims', layer: new Embedding(4, [2, 3]), error: 'E_UNSUPPORTED_LAYER' }],
});

describe('Embedding ↔ embedding', () => {
  it('the table is the IR embedding as is', () => {
    const ir = embedding.toIR(module as Embedding, {} as never);
    expect(ir.params).toEqual({ numEmbeddings: 7, features: 4 });
    expect(ir.tensors.embedding).toBe((module as Embedding).weight.value as Tensor);
  });
});
