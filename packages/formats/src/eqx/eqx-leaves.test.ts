import { describe, expect, it } from 'vitest';
import { asExpected, fixtureBytes, formatCases } from '../../test/fixtures.js';
import type { ExpectedArray } from '../../test/fixtures.js';
import { readEqxLeaves, splitNpyStream, writeEqxLeaves } from '../index.js';
import type { LeafSpec } from '../index.js';

const c = formatCases('eqx-leaves')[0]!;
const bytes = fixtureBytes(c, 'eqx');
const leaves = Object.keys(c.expected)
  .sort((a, b) => Number(a) - Number(b))
  .map((k) => c.expected[k] as ExpectedArray);
const specs: LeafSpec[] = leaves.map((l, i) => ({ dtype: l.dtype as LeafSpec['dtype'], shape: l.shape, path: `leaf${i}` }));

describe('Equinox leaf stream from eqx.tree_serialise_leaves', () => {
  it('reads every leaf with the values Python saved', () => {
    expect(readEqxLeaves(bytes, specs).map(asExpected)).toEqual(leaves);
    expect(splitNpyStream(bytes).length).toBe(c['leafCount']);
  });

  it('writes the same bytes, Python float/int/bool leaves as 0-d f8/i8/b1', () => {
    const tensors = readEqxLeaves(bytes, specs);
    expect(Buffer.from(writeEqxLeaves(tensors)).equals(Buffer.from(bytes))).toBe(true);
    const scalars = writeEqxLeaves([1.5, 3n, true]);
    const back = splitNpyStream(scalars).map((r) => r.tensor.dtype);
    expect(back).toEqual(['float64', 'int64', 'bool']);
  });

  it('names the leaf, expected and found on a mismatch', () => {
    const wrong = specs.map((s, i) => (i === 4 ? { ...s, shape: [3] } : s));
    expect(() => readEqxLeaves(bytes, wrong)).toThrow(
      expect.objectContaining({
        code: 'E_FORMAT_MISMATCH',
        details: expect.objectContaining({ path: 'leaf4', expected: 'float32[3]', found: 'float32[2]' }),
      }),
    );
    expect(() => readEqxLeaves(bytes, specs.slice(0, 3))).toThrow(expect.objectContaining({ code: 'E_FORMAT_MISMATCH' }));
    expect(() => readEqxLeaves(bytes, [...specs, specs[0]!])).toThrow(expect.objectContaining({ code: 'E_FORMAT_MISMATCH' }));
  });
});
