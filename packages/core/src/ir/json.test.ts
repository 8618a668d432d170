import { describe, expect, it } from 'vitest';
import { filled } from '../__fixtures__/tensors.js';
import type { IRNode } from '../registry/types.js';
import type { DType } from '../tensor/dtype.js';
import { DTYPES } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';
import { decodeBase64, encodeBase64 } from './base64.js';
import { irFromJSON, irToJSON } from './json.js';
import type { LayerIR, SequentialIR } from './kinds.js';

const model: SequentialIR = {
  kind: 'sequential',
  params: {},
  tensors: {},
  inputShape: [3],
  layers: [
    {
      kind: 'linear',
      params: { inFeatures: 3, outFeatures: 4 },
      tensors: { kernel: filled([3, 4]), bias: filled([4], 'bfloat16') },
      inputShape: [3],
      origin: { framework: 'nnx', layer: 'Linear', path: 'layers/0' },
    },
    {
      kind: 'conv',
      params: {
        inFeatures: 4,
        outFeatures: 2,
        kernelSize: [1],
        strides: [1],
        padding: [[0, 1]],
        paddingMode: 'zeros',
        inputDilation: [1],
        kernelDilation: [1],
        featureGroups: 1,
      },
      tensors: { kernel: filled([1, 4, 2], 'float16') },
    },
    { kind: 'activation', params: { fn: 'leaky_relu', alpha: 0.01 }, tensors: {} },
  ],
};

function sameIR(a: IRNode, b: IRNode): void {
  expect(b.kind).toBe(a.kind);
  expect(b.params).toEqual(a.params);
  expect(b.inputShape).toEqual(a.inputShape);
  expect(b.origin).toEqual(a.origin);
  const ta = a.tensors as Record<string, Tensor>;
  const tb = b.tensors as Record<string, Tensor>;
  expect(Object.keys(tb).sort()).toEqual(Object.keys(ta).sort());
  for (const name of Object.keys(ta)) expect(tb[name]!.equals(ta[name]!)).toBe(true);
  const la = (a as { layers?: IRNode[] }).layers ?? [];
  const lb = (b as { layers?: IRNode[] }).layers ?? [];
  expect(lb.length).toBe(la.length);
  la.forEach((layer, i) => sameIR(layer, lb[i]!));
}

describe('IR JSON', () => {
  it('round-trips a nested model through JSON text bit for bit', () => {
    const text = JSON.stringify(irToJSON(model));
    sameIR(model, irFromJSON(text));
    sameIR(model, irFromJSON(JSON.parse(text)));
  });

  it.each(Object.keys(DTYPES) as DType[])('round-trips %s tensors', (dtype) => {
    const values = dtype === 'bool' ? [1, 0, 1, 1, 0, 0] : [0, 1, 2, 3, 100, 7];
    const ir: LayerIR = {
      kind: 'embedding',
      params: { numEmbeddings: 2, features: 3 },
      tensors: { embedding: Tensor.fromArray(values, [2, 3], dtype) },
    };
    sameIR(ir, irFromJSON(JSON.parse(JSON.stringify(irToJSON(ir)))));
  });

  it('stores elements as little-endian bytes in base64', () => {
    const json = irToJSON({ kind: 'dropout', params: { rate: 0.1 }, tensors: {} });
    expect(json).toEqual({ kind: 'dropout', params: { rate: 0.1 }, tensors: {} });
    const t = irToJSON({
      kind: 'embedding',
      params: { numEmbeddings: 1, features: 1 },
      tensors: { embedding: Tensor.fromArray([1], [1, 1], 'float32') },
    });
    // 1.0f is 0x3F800000; little-endian bytes 00 00 80 3F.
    expect(t.tensors.embedding).toEqual({ dtype: 'float32', shape: [1, 1], data: 'AACAPw==' });
  });

  it('keeps kinds that core does not know, as generic nodes', () => {
    const custom = { kind: 'scale', params: { factor: 2 }, tensors: { s: filled([2]) } } as unknown as IRNode;
    sameIR(custom, irFromJSON(irToJSON(custom)));
  });

  it.each([
    ['not an object', 5, ''],
    ['a kind that is not kebab-case', { kind: 'Linear', params: {}, tensors: {} }, 'kind'],
    ['a missing param', { kind: 'linear', params: { inFeatures: 3 }, tensors: {} }, 'params/outFeatures'],
    [
      'a bad padding',
      { ...irToJSON(model.layers[1]!), params: { ...irToJSON(model.layers[1]!).params, padding: 'FULL' } },
      'params/padding',
    ],
    [
      'a tensor name the kind does not have',
      { kind: 'dropout', params: { rate: 0 }, tensors: { kernel: { dtype: 'float32', shape: [], data: 'AAAAAA==' } } },
      'tensors/kernel',
    ],
    [
      'an unknown dtype',
      { kind: 'linear', params: { inFeatures: 1, outFeatures: 1 }, tensors: { kernel: { dtype: 'float8', shape: [1, 1], data: 'AA==' } } },
      'tensors/kernel/dtype',
    ],
    [
      'bytes that do not fit the shape',
      {
        kind: 'linear',
        params: { inFeatures: 1, outFeatures: 1 },
        tensors: { kernel: { dtype: 'float32', shape: [1, 2], data: 'AAAAAA==' } },
      },
      'tensors/kernel/data',
    ],
    [
      'text that is not base64',
      { kind: 'linear', params: { inFeatures: 1, outFeatures: 1 }, tensors: { kernel: { dtype: 'int8', shape: [1, 1], data: '*A==' } } },
      'tensors/kernel/data',
    ],
    ['a sequential without layers', { kind: 'sequential', params: {}, tensors: {} }, 'layers'],
  ])('refuses %s with E_INVALID_IR and its path', (_what, json, path) => {
    try {
      irFromJSON(json);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'E_INVALID_IR', details: { path } });
    }
  });

  it('gives the full path of a bad field deep in a model', () => {
    const json = irToJSON(model);
    json.layers![1]!.tensors.kernel!.data = 'AAAA';
    expect(() => irFromJSON(json)).toThrowErrorMatchingInlineSnapshot(
      `[InteropError: Expected 16 bytes for float16[1, 4, 2] (at layers/1/tensors/kernel/data). Found 3. Produce IR JSON with irToJSON(), or correct the field named in the path. See docs/errors.md#e_invalid_ir]`,
    );
    expect(() => irFromJSON('{ not json')).toThrow(/not valid JSON/);
  });
});

describe('base64', () => {
  it('matches the standard alphabet for every remainder length', () => {
    for (const text of ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar']) {
      const bytes = new TextEncoder().encode(text);
      const encoded = encodeBase64(bytes);
      expect(encoded).toBe(btoa(text));
      expect(decodeBase64(encoded)).toEqual(bytes);
    }
  });
});
