import { describe, expect, it } from 'vitest';
import { tester } from '../__fixtures__/tester.js';
import { goldenTree } from '../__fixtures__/trees.js';
import { Flatten } from '../modules/flatten.js';
import { flatten } from './flatten.js';

const golden = (name: string, sampleInput?: number[]) => {
  const { module, fixture } = goldenTree(name);
  return { name, layer: module as Flatten, input: fixture.arrays.input, ...(sampleInput ? { sampleInput } : {}) };
};

tester.run(flatten, {
  valid: [
    golden('flatten_start_axis'),
    golden('flatten_start_axis', [3, 2, 4]),
    golden('flatten_negative', [3, 2, 4]),
    golden('flatten_in_size', [3, 2, 4]),
  ],
  invalid: [
    { name: 'Flatten() also flattens the batch axis', layer: new Flatten(), error: 'E_CONVERSION' },
    { name: 'start_axis=2 keeps an example axis', layer: new Flatten(2), sampleInput: [3, 2, 4], error: 'E_CONVERSION' },
    { name: 'end_axis=-2 keeps the last axis', layer: new Flatten(1, -2), error: 'E_CONVERSION' },
    { name: 'start_axis=-3 without the input rank', layer: new Flatten(-3), error: 'E_MISSING_SHAPE' },
    { name: 'start_axis=-2 of a rank-3 example keeps an axis', layer: new Flatten(-2), sampleInput: [3, 2, 4], error: 'E_CONVERSION' },
    { name: 'in_size other than the input', layer: new Flatten({ inSize: [3, 2, 4] }), sampleInput: [4, 2, 3], error: 'E_SHAPE_MISMATCH' },
    { name: 'in_size with a partial flatten', layer: new Flatten({ startAxis: 1, inSize: [3, 2, 4] }), error: 'E_CONVERSION' },
  ],
});

describe('Flatten ↔ flatten', () => {
  it('is built as Flatten(in_size=...) when the shape is known, else Flatten(start_axis=1)', () => {
    const ir = { kind: 'flatten' as const, params: {}, tensors: {} };
    const known = flatten.fromIR(ir, { inputShape: [3, 3, 16] } as never) as Flatten;
    expect([known.startAxis, known.inSize, known.outSize]).toEqual([0, [3, 3, 16], [144]]);
    const unknown = flatten.fromIR(ir, {} as never) as Flatten;
    expect([unknown.startAxis, unknown.endAxis, unknown.inSize]).toEqual([1, -1, undefined]);
  });

  it('keeps the batch axes with in_size, and checks the example', () => {
    const layer = new Flatten({ startAxis: 1, inSize: [3, 2, 4] });
    expect(layer.outSize).toEqual([3, 8]);
    const x = goldenTree('flatten_in_size').fixture.arrays.input!;
    expect(layer.call(x).shape).toEqual([2, 3, 8]);
    expect(() => new Flatten({ inSize: [2, 3, 4] }).call(x)).toThrow(expect.objectContaining({ code: 'E_SHAPE_MISMATCH' }));
    expect(new Flatten().call(x).shape).toEqual([48]);
  });
});
