import { describe, expect, it } from 'vitest';
import { catchError } from '../__fixtures__/catch-error.js';
import { forwardFromSpec, forwardToSpec } from './forward-spec.js';

describe('forward programs in spec form', () => {
  const steps = [
    'conv1',
    { fn: 'relu' },
    { fn: 'avg_pool', window_shape: [2, 2], strides: [2, 2] },
    { fn: 'max_pool', window_shape: [3, 3], strides: [1, 1], padding: 'SAME' },
    {
      fn: 'avg_pool',
      window_shape: [3, 3],
      strides: [1, 1],
      padding: [
        [1, 1],
        [1, 1],
      ],
      count_include_pad: false,
    },
    { residual: ['block', { fn: 'gelu' }], shortcut: ['proj'] },
    { residual: [{ fn: 'gelu', approximate: false }] },
    { fn: 'mean', axis: [0, 1] },
    { fn: 'flatten' },
    { fn: 'reshape', shape: [-1] },
    { fn: 'leaky_relu', negative_slope: 0.2 },
    'linear1',
    { fn: 'log_softmax' },
  ];

  it('reads and writes back every step unchanged', () => {
    expect(forwardToSpec(forwardFromSpec(steps))).toEqual(steps);
  });

  it('reads the defaults of jax.nn and flax.linen', () => {
    const [gelu, pool, leaky] = forwardFromSpec([{ fn: 'gelu' }, { fn: 'max_pool', window_shape: [2, 2] }, { fn: 'leaky_relu' }]);
    expect(gelu).toEqual({ op: { kind: 'activation', params: { fn: 'gelu_tanh' }, tensors: {} } });
    expect(pool).toEqual({
      op: {
        kind: 'pool',
        params: { op: 'max', windowShape: [2, 2], strides: [1, 1], padding: 'VALID', countIncludePad: true },
        tensors: {},
      },
    });
    expect(leaky).toEqual({ op: { kind: 'activation', params: { fn: 'leaky_relu', alpha: 0.01 }, tensors: {} } });
  });

  it('names the bad step and lists the functions', () => {
    const error = catchError(() => forwardFromSpec(['a', { fn: 'rleu' }]));
    expect(error.code).toBe('E_INVALID_SPEC');
    expect(error.details.path).toBe('forward/1');
    expect(error.message).toContain('relu');
    expect(catchError(() => forwardFromSpec([{ fn: 'max_pool', window_shape: [2, 2], strides: [1] }])).code).toBe('E_INVALID_SPEC');
    expect(catchError(() => forwardFromSpec({})).code).toBe('E_INVALID_SPEC');
  });
});
