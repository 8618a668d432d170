import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { readPureDict, readState, readStateSafetensors, writePureDict, writeState, writeStateSafetensors } from './files.js';
import { flatState, state, toPureDict } from './graph.js';
import { moduleFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { golden } from './__fixtures__/golden.js';

const cases = [
  'linear_bf16',
  'conv2d_f16',
  'sequential_conv_bn_dropout',
  'sequential_nested',
  'lstmcell_bf16',
  'grucell',
  'batchnorm_bf16',
  'embed_bf16',
];

describe('state files', () => {
  it.each(cases)('%s: safetensors round trip keeps every path, dtype and bit; msgpack bytes unchanged after it', (name) => {
    const { model, bytes, fixture } = golden(name);
    const st = writeStateSafetensors(model);
    const fresh = readStateSafetensors(moduleFromSpec(fixture.manifest.spec as ModuleSpec, { seed: 7 }), st);
    const before = flatState(toPureDict(state(model)));
    const after = flatState(toPureDict(state(fresh)));
    expect(after.map(([p, t]) => [p.join('/'), (t as Tensor).dtype])).toEqual(before.map(([p, t]) => [p.join('/'), (t as Tensor).dtype]));
    after.forEach(([, t], i) =>
      expect(Buffer.from((t as Tensor).data.buffer).equals(Buffer.from((before[i]![1] as Tensor).data.buffer))).toBe(true),
    );
    expect(Buffer.from(writeState(fresh)).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(writeStateSafetensors(fresh)).equals(Buffer.from(st))).toBe(true);
  });

  it('safetensors keys are the /-joined NNX paths', () => {
    const { model } = golden('sequential_notebook');
    const st = writeStateSafetensors(model);
    const header = JSON.parse(
      Buffer.from(st.subarray(8, 8 + Number(new DataView(st.buffer, st.byteOffset).getBigUint64(0, true)))).toString('utf8'),
    ) as Record<string, unknown>;
    expect(
      Object.keys(header)
        .filter((k) => k !== '__metadata__')
        .sort(),
    ).toEqual(['layers/0/bias', 'layers/0/kernel', 'layers/1/bias', 'layers/1/scale', 'layers/2/bias', 'layers/2/kernel']);
  });

  it('readPureDict / writePureDict: the file as a tree with digit-string keys, rewritten identically', () => {
    const { bytes } = golden('sequential_mlp');
    const pure = readPureDict(bytes);
    expect(Object.keys(pure.layers!)).toEqual(['0', '2', '3']);
    expect(Buffer.from(writePureDict(pure)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('a file for another architecture is refused by path or shape, as InteropErrors', () => {
    const { bytes } = golden('linear');
    expect(() => readState(moduleFromSpec({ type: 'Linear', in_features: 4, out_features: 5 }), bytes)).toThrow(
      expect.objectContaining({ code: 'E_SHAPE_MISMATCH' }),
    );
    expect(() => readState(moduleFromSpec({ type: 'LayerNorm', num_features: 5 }), bytes)).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(() => readState(moduleFromSpec({ type: 'Linear', in_features: 3, out_features: 5 }), new Uint8Array([1, 2, 3]))).toThrow(
      expect.objectContaining({ name: expect.any(String) }),
    );
    let err: unknown;
    try {
      readState(moduleFromSpec({ type: 'Linear', in_features: 3, out_features: 5 }), new Uint8Array([0xc1]));
    } catch (e) {
      err = e;
    }
    expect((err as { code?: string }).code).toMatch(/^E_/);
    expect(() => writeState({} as never)).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });
});
