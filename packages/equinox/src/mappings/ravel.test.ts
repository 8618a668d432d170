import { createConversionContext, createRegistry, Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { EqxNode } from '../adapter.js';
import { tester } from '../__fixtures__/mapping.js';
import equinox from '../index.js';
import { Lambda } from '../modules/lambda.js';
import { ravel } from './ravel.js';

const xs = Tensor.fromArray(
  Array.from({ length: 12 }, (_, i) => i - 5),
  [2, 6],
  'float32',
);

tester.run(ravel, {
  valid: [
    { name: 'a vector', layer: new EqxNode(new Lambda('ravel')), sampleInput: [6], input: xs },
    { name: 'one channel', layer: new EqxNode(new Lambda('ravel')), sampleInput: [2, 3, 1], input: xs.reshape([2, 1, 2, 3]) },
  ],
  invalid: [],
});

describe('a ravel that no Linear reads', () => {
  it('is refused by the engine when its C·H·W output is the model output', () => {
    expect(() =>
      createRegistry()
        .use(equinox)
        .toIR(new Lambda('ravel'), 'equinox', { sampleInput: [2, 3, 4] }),
    ).toThrow(expect.objectContaining({ code: 'E_UNSUPPORTED_STRUCTURE' }));
  });
});

describe('flatten → Lambda(jnp.ravel)', () => {
  it('builds a ravel of the channels-first example', () => {
    const m = ravel.fromIR(
      { kind: 'flatten', params: {}, tensors: {} },
      createConversionContext({ framework: 'equinox', direction: 'fromIR' }),
    ).module as Lambda;
    expect(m.fn).toBe('ravel');
    expect(m.callBatch(xs.reshape([2, 2, 3])).shape).toEqual([2, 6]);
  });
});
