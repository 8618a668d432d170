import { describe, expect, it } from 'vitest';
import { BatchNorm, Conv, Dense, Dropout, Embed, GRUCell, GroupNorm, LSTMCell, LayerNorm, RMSNorm } from './index.js';

// Field order is Linen's dataclass order (flax 0.12.8, `dataclasses.fields(nn.Dense)` ...).
describe('constructors take Python positionals in field order and a final keyword object', () => {
  it('Dense(features, use_bias, dtype, param_dtype)', () => {
    expect(new Dense(5, false)).toMatchObject({ features: 5, useBias: false, dtype: null, paramDtype: 'float32' });
    expect(new Dense(5, true, 'bfloat16', 'float16')).toMatchObject({ useBias: true, dtype: 'bfloat16', paramDtype: 'float16' });
    expect(new Dense(5, false, { paramDtype: 'bfloat16' })).toMatchObject({ useBias: false, paramDtype: 'bfloat16' });
  });

  it('Conv(features, kernel_size, strides, padding, input_dilation, kernel_dilation, feature_group_count, use_bias)', () => {
    const conv = new Conv(4, [3, 3], 2, 'VALID', 1, 2, 1, false);
    expect(conv).toMatchObject({
      features: 4,
      kernelSize: [3, 3],
      strides: [2, 2],
      padding: 'VALID',
      kernelDilation: [2, 2],
      useBias: false,
    });
    expect(new Conv(4, [3], { padding: 'CAUSAL' })).toMatchObject({ padding: 'CAUSAL', strides: [1] });
  });

  it('norms, dropout, embed and cells', () => {
    expect(new LayerNorm(1e-3, null, 'float32', false)).toMatchObject({ epsilon: 1e-3, useBias: false, useScale: true });
    expect(new RMSNorm(1e-5, { useScale: false })).toMatchObject({ epsilon: 1e-5, useScale: false });
    expect(new GroupNorm(null, 4)).toMatchObject({ numGroups: null, groupSize: 4 });
    expect(new GroupNorm(2, { useScale: false })).toMatchObject({ numGroups: 2, useScale: false });
    expect(new BatchNorm(true, -1, 0.9, 1e-3)).toMatchObject({ useRunningAverage: true, momentum: 0.9, epsilon: 1e-3 });
    expect(new Dropout(0.5, [], true)).toMatchObject({ rate: 0.5, deterministic: true });
    expect(new Embed(10, 3, 'float16')).toMatchObject({ numEmbeddings: 10, features: 3, dtype: 'float16' });
    expect(new LSTMCell(6, { paramDtype: 'bfloat16' })).toMatchObject({ features: 6, paramDtype: 'bfloat16' });
    expect(new GRUCell(6, null, null, null, null, null, 'float16')).toMatchObject({ features: 6, dtype: 'float16' });
  });
});

describe('bad calls are InteropErrors that say what to do', () => {
  const code = { code: 'E_INVALID_ARGUMENT' };

  it('too many positionals', () => {
    // @ts-expect-error Dense has 10 fields
    expect(() => new Dense(1, true, null, 'float32', null, null, null, null, null, null, 'x')).toThrow(expect.objectContaining(code));
  });

  it('a keyword Linen does not have (snake_case is not the TypeScript spelling)', () => {
    // @ts-expect-error use_bias is spelt useBias here
    expect(() => new Dense(5, { use_bias: false })).toThrow(/unexpected keyword argument "use_bias".*useBias/s);
  });

  it('a field we do not compute is refused rather than ignored', () => {
    expect(() => new Dense(5, { precision: 'highest' } as never)).toThrow(/"precision" is not modelled/);
    expect(() => new BatchNorm(true, 1)).toThrow(/axis=1 is not modelled/);
  });

  it('the same argument positionally and by name, or a required one missing', () => {
    expect(() => new Dense(5, false, { useBias: true })).toThrow(/multiple values for argument "useBias"/);
    expect(() => new Dense({ useBias: true } as never)).toThrow(/missing its required argument "features"/);
  });
});
