import { Tensor } from '@interop/core';
import { readSafetensors, writeSafetensors } from '@interop/formats';
import { describe, expect, it } from 'vitest';
import { golden } from './__fixtures__/golden.js';
import { readVariablesSafetensors, writeVariablesSafetensors } from './safetensors.js';
import type { Variables } from './variables.js';

function sortTree(v: Variables): Variables {
  return JSON.parse(
    JSON.stringify(v, (_, x: unknown) =>
      x instanceof Tensor
        ? { dtype: x.dtype, shape: x.shape, bytes: Array.from(new Uint8Array(x.data.buffer, x.data.byteOffset, x.byteLength)) }
        : x && typeof x === 'object'
          ? Object.fromEntries(Object.entries(x).sort())
          : x,
    ),
  ) as Variables;
}

describe('variables as safetensors', () => {
  it.each(['sequential_conv_bn_dropout', 'lstmcell', 'dense_bf16'])(
    '%s: flattened with /, read back bit-identical, same output',
    (name) => {
      const { module, variables, fixture } = golden(name);
      const bytes = writeVariablesSafetensors(variables);
      const keys = [...readSafetensors(bytes).tensors.keys()];
      expect(keys.every((k) => k.startsWith('params/') || k.startsWith('batch_stats/'))).toBe(true);
      const back = readVariablesSafetensors(bytes);
      expect(sortTree(back)).toEqual(sortTree(variables));
      if (!name.startsWith('lstm'))
        expect(module.apply(back, fixture.arrays.input!).data).toEqual(module.apply(variables, fixture.arrays.input!).data);
      expect(writeVariablesSafetensors(back)).toEqual(bytes);
    },
  );

  it('refuses keys without a collection level and keys that are both array and group', () => {
    const t = Tensor.zeros([1], 'float32');
    expect(() => readVariablesSafetensors(writeSafetensors({ kernel: t }))).toThrow(expect.objectContaining({ code: 'E_FORMAT_CORRUPT' }));
    expect(() => readVariablesSafetensors(writeSafetensors({ 'params/a': t, 'params/a/b': t }))).toThrow(
      expect.objectContaining({ code: 'E_FORMAT_CORRUPT' }),
    );
  });
});
