import { Tensor, defineMapping } from '@interop/core';
import type { LinearIR } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { Dense, dense, filled } from './__fixtures__/toy.js';
import { checkInvalidCase, checkValidCase } from './check-case.js';
import { collectTensors } from './collect-tensors.js';
import { createMappingTester, mappingTester } from './mapping-tester.js';

const runLayer = (layer: Dense, x: Tensor) => layer.apply(x);
const x = filled([4, 3]);

// The tester in use, as a plugin's test file would call it.
createMappingTester({ runLayer }).run(dense, {
  valid: [
    { name: 'with bias', layer: new Dense(filled([5, 3]), filled([5])), input: x },
    { name: 'without bias', layer: new Dense(filled([5, 3])), input: x },
    { name: 'bfloat16 weights stay bfloat16', layer: new Dense(filled([2, 3], 'bfloat16'), filled([2], 'bfloat16')) },
  ],
  invalid: [
    { name: 'a fused relu', layer: new Dense(filled([2, 3]), undefined, true), error: 'E_CONVERSION' },
    {
      name: 'float64 IR',
      ir: { kind: 'linear', params: { inFeatures: 1, outFeatures: 1 }, tensors: { kernel: filled([1, 1], 'float64') } } satisfies LinearIR,
      error: 'E_CONVERSION',
    },
  ],
});

mappingTester.run(dense, { valid: [{ layer: new Dense(filled([1, 1])) }] });

describe('checkValidCase catches a broken mapping', () => {
  it('that drops a parameter', async () => {
    const lossy = defineMapping({ ...dense, fromIR: (ir: LinearIR, ctx) => new Dense(dense.fromIR(ir, ctx).weight) });
    await expect(checkValidCase(lossy, { layer: new Dense(filled([2, 3]), filled([2])) })).rejects.toThrow(
      'layer → IR → layer: parameters differ (lost: bias; gained: none)',
    );
  });

  it('that changes a dtype', async () => {
    const narrowing = defineMapping({
      ...dense,
      fromIR: (ir: LinearIR, ctx) => new Dense(dense.fromIR(ir, ctx).weight.astype('bfloat16')),
    });
    await expect(checkValidCase(narrowing, { layer: new Dense(filled([2, 3])) })).rejects.toThrow(
      'parameter "weight" is not bit-identical: dtype float32 became bfloat16',
    );
  });

  it('that changes one element', async () => {
    const nudging = defineMapping({
      ...dense,
      fromIR: (ir: LinearIR, ctx) => {
        const d = dense.fromIR(ir, ctx);
        const w = d.weight.clone();
        (w.data as Float32Array)[1]! += 1;
        return new Dense(w);
      },
    });
    await expect(checkValidCase(nudging, { layer: new Dense(filled([2, 3])) })).rejects.toThrow(/element 1 changed from/);
  });

  it('that loses behaviour the parameters do not show', async () => {
    const forgetful = defineMapping({ ...dense, toIR: (m: Dense, ctx) => dense.toIR(new Dense(m.weight, m.bias), ctx) });
    const layer = new Dense(filled([2, 3]), filled([2]), true);
    await expect(checkValidCase(forgetful, { layer, input: x }, { runLayer })).rejects.toThrow(
      /outputs before and after the round trip differ: element \d+/,
    );
    await expect(checkValidCase(forgetful, { layer, input: x }, { runLayer, tolerance: { atol: 100 } })).resolves.toBeUndefined();
  });

  it('that claims one kind and returns another', async () => {
    const mislabelled = defineMapping({ ...dense, meta: { ...dense.meta, ir: 'embedding' } } as never);
    await expect(checkValidCase(mislabelled, { layer: new Dense(filled([2, 3])) })).rejects.toThrow(
      'toIR returned kind "linear", but meta.ir is "embedding"',
    );
  });
});

describe('checkInvalidCase', () => {
  it('passes when the expected code is thrown', () => {
    expect(() =>
      checkInvalidCase(dense, { name: 'relu', layer: new Dense(filled([1, 1]), undefined, true), error: 'E_CONVERSION' }),
    ).not.toThrow();
  });

  it('fails when another code, a non-interop error or nothing is thrown', () => {
    expect(() =>
      checkInvalidCase(dense, { name: 'relu', layer: new Dense(filled([1, 1]), undefined, true), error: 'E_MISSING_SHAPE' }),
    ).toThrow('expected InteropError E_MISSING_SHAPE, got InteropError E_CONVERSION');
    expect(() => checkInvalidCase(dense, { name: 'no weight', layer: {} as Dense, error: 'E_CONVERSION' })).toThrow(/got TypeError/);
    expect(() => checkInvalidCase(dense, { name: 'fine', layer: new Dense(filled([1, 1])), error: 'E_CONVERSION' })).toThrow(
      'expected InteropError E_CONVERSION, but the conversion succeeded',
    );
  });
});

describe('collectTensors', () => {
  it('finds tensors in nested objects, arrays and maps by path', () => {
    const k = filled([1]);
    const found = collectTensors({ variables: { params: { kernel: k } }, list: [k], map: new Map([['b', k]]), skip: 3 });
    expect([...found.keys()]).toEqual(['variables/params/kernel', 'list/0', 'map/b']);
    expect(collectTensors(Tensor.zeros([1], 'int8')).get('')).toBeInstanceOf(Tensor);
  });
});
