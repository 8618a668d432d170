import { InteropError } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { golden } from './__fixtures__/golden.js';
import { inferArchitecture } from './infer.js';
import { moduleToSpec } from './to-spec.js';

describe('architecture inferred from variables', () => {
  it.each([
    ['dense', { type: 'Dense', features: 5, use_bias: true }],
    ['conv2d_valid_no_bias', { type: 'Conv', features: 4, kernel_size: [3, 3], use_bias: false }],
    ['batchnorm_bias_only', { type: 'BatchNorm', use_running_average: true, use_scale: false, use_bias: true }],
    ['embed', { type: 'Embed', num_embeddings: 7, features: 4 }],
    ['lstmcell', { type: 'LSTMCell', features: 4 }],
    ['grucell', { type: 'GRUCell', features: 4 }],
    ['layernorm_no_bias', { type: 'LayerNorm', use_scale: true, use_bias: false }],
  ])('%s', (name, expected) => {
    const { module } = inferArchitecture(golden(name).variables);
    expect(moduleToSpec(module)).toMatchObject(expected);
  });

  it('a Sequential without gaps runs like the real one, and says what it assumed', () => {
    const { variables, fixture, module: real } = golden('sequential_notebook');
    const { module, assumed } = inferArchitecture(variables);
    expect(module.apply(variables, fixture.arrays.input!).data).toEqual(real.apply(variables, fixture.arrays.input!).data);
    expect(assumed.join('\n')).toMatch(/layers_1: LayerNorm with epsilon 1e-6/);
  });

  it('a Conv states its assumed padding and strides', () => {
    expect(inferArchitecture(golden('conv2d_same').variables).assumed[0]).toMatch(/padding 'SAME'/);
  });

  it('refuses a gap (an activation) with E_MISSING_ARCH, and a tree without params', () => {
    const { variables } = golden('sequential_mlp');
    expect(() => inferArchitecture(variables)).toThrow(expect.objectContaining({ code: 'E_MISSING_ARCH' }));
    expect(() => inferArchitecture(variables)).toThrow(/layers_1/);
    let err: unknown;
    try {
      inferArchitecture(variables.params as never);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InteropError);
    expect(String(err)).toMatch(/no top-level 'params'/);
  });
});
