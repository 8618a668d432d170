import { describe, expect, it } from 'vitest';
import { readPureDict, writeState } from './files.js';
import { inferArchitecture } from './infer.js';
import { moduleToSpec } from './to-spec.js';
import { expectClose, golden } from './__fixtures__/golden.js';
import type { Tensor } from '@interop/core';

describe('architecture inferred from a state file', () => {
  it.each([
    ['linear_no_bias', { type: 'Linear', in_features: 3, out_features: 5, use_bias: false }],
    ['linear_bf16', { type: 'Linear', param_dtype: 'bfloat16' }],
    ['conv3d_same', { type: 'Conv', in_features: 2, out_features: 3, kernel_size: [2, 3, 2] }],
    ['batchnorm_bias_only', { type: 'BatchNorm', num_features: 3, use_running_average: true, use_scale: false, use_bias: true }],
    ['embed', { type: 'Embed', num_embeddings: 7, features: 4 }],
    ['lstmcell', { type: 'LSTMCell', in_features: 3, hidden_features: 4 }],
    ['grucell', { type: 'GRUCell', in_features: 3, hidden_features: 4 }],
    ['layernorm_no_bias', { type: 'LayerNorm', num_features: 6, use_scale: true, use_bias: false }],
  ])('%s', (name, expected) => {
    const { bytes } = golden(name);
    const { module } = inferArchitecture(readPureDict(bytes));
    expect(moduleToSpec(module)).toMatchObject(expected);
    expect(Buffer.from(writeState(module)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('a Sequential without gaps runs like the real one, and says what it assumed', () => {
    const { bytes, fixture } = golden('sequential_notebook');
    const { module, assumed } = inferArchitecture(readPureDict(bytes));
    expectClose(module.call(fixture.arrays.input!) as Tensor, fixture.arrays.output!, fixture.manifest.tolerance!);
    expect(assumed.join('\n')).toMatch(/layers\/1: LayerNorm with epsilon 1e-6/);
  });

  it('a Sequential with gaps (functions) is E_MISSING_ARCH naming them', () => {
    expect(() => inferArchitecture(readPureDict(golden('sequential_mlp').bytes))).toThrow(
      expect.objectContaining({ code: 'E_MISSING_ARCH', message: expect.stringContaining('layers 1 hold no state') }),
    );
  });

  it('a Conv states its assumed padding and strides', () => {
    expect(inferArchitecture(readPureDict(golden('conv2d_same').bytes)).assumed[0]).toMatch(/padding 'SAME'/);
  });
});
