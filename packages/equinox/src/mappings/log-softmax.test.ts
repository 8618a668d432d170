import { createConversionContext, Tensor } from '@interop/core';
import type { SoftmaxIR } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { EqxNode } from '../adapter.js';
import { tester } from '../__fixtures__/mapping.js';
import { Lambda } from '../modules/lambda.js';
import { logSoftmax } from './log-softmax.js';

const softmax = (axis: number, log = true): SoftmaxIR => ({ kind: 'softmax', params: { axis, log }, tensors: {} });
const xs = Tensor.fromArray(
  Array.from({ length: 20 }, (_, i) => Math.sin(i)),
  [2, 10],
  'float32',
);

tester.run(logSoftmax, {
  valid: [
    { name: 'logits', layer: new EqxNode(new Lambda('log_softmax')), sampleInput: [10], input: xs },
    {
      name: 'an image (last Equinox axis, W)',
      layer: new EqxNode(new Lambda('log_softmax')),
      sampleInput: [5, 2, 1],
      input: xs.reshape([2, 1, 5, 2]),
    },
  ],
  invalid: [
    { name: 'the channel axis of an image', ir: softmax(-1), sampleInput: [5, 2, 3], error: 'E_CONVERSION' },
    { name: 'an example of unknown rank', ir: softmax(-1), error: 'E_MISSING_ARCH' },
  ],
});

describe('softmax (log) → Lambda(jax.nn.log_softmax)', () => {
  it('takes log-softmaxes only (a softmax stays a forward step)', () => {
    expect(logSoftmax.accepts!(softmax(-1))).toBe(true);
    expect(logSoftmax.accepts!(softmax(-1, false))).toBe(false);
    const ctx = createConversionContext({ framework: 'equinox', direction: 'fromIR', inputShape: [10] });
    expect((logSoftmax.fromIR(softmax(0), ctx).module as Lambda).fn).toBe('log_softmax');
  });
});
