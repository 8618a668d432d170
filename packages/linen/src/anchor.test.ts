import { sliceAxis } from '@interop/core';
import type { Tensor } from '@interop/core';
import { allclose } from '@interop/runtime';
import { listFixtures, loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { moduleFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';
import type { LSTMCell } from './modules/lstm-cell.js';
import { readVariables, writeVariables } from './variables.js';

// brainstate.interop.to_linen wrote these (module, variables): the module's spec and the
// to_bytes file load here, run like Linen did, and write back byte-identical.
const cases = listFixtures('anchor').filter((name) => name.startsWith('export_linen_') && !name.includes('lstmcell'));

describe('files brainstate.interop.to_linen wrote', () => {
  it.each(cases)('%s', (name) => {
    const fixture = loadFixture('anchor', name);
    const converted = fixture.manifest.converted as { module: ModuleSpec };
    const bytes = fixture.file('converted');
    const variables = readVariables(bytes);
    const module = moduleFromSpec(converted.module);
    const { rtol, atol } = fixture.manifest.tolerance!;
    const y = module.apply(variables, fixture.arrays.input!);
    expect(allclose(y, fixture.arrays.converted_output!, { rtol, atol })).toBe(true);
    expect(Buffer.from(writeVariables(variables)).equals(Buffer.from(bytes))).toBe(true);
  });
});

const step = (t: Tensor, i: number) => {
  const s = sliceAxis(t, 0, i, i + 1);
  return s.reshape(s.shape.slice(1));
};

describe('the LSTMCell brainstate.interop.to_linen wrote', () => {
  it('export_linen_lstmcell: every step (c, h), and the file bytes', () => {
    const fixture = loadFixture('anchor', 'export_linen_lstmcell');
    const a = fixture.arrays;
    const bytes = fixture.file('converted');
    const variables = readVariables(bytes);
    const cell = moduleFromSpec((fixture.manifest.converted as { module: ModuleSpec }).module) as LSTMCell;
    const { rtol, atol } = fixture.manifest.tolerance!;
    let carry: [Tensor, Tensor] = [a.carry0_c!, a.carry0_h!];
    for (let t = 0; t < a.input!.shape[0]!; t++) {
      [carry] = cell.apply(variables, carry, step(a.input!, t));
      expect(allclose(carry[0], step(a.converted_carry_c!, t), { rtol, atol })).toBe(true);
      expect(allclose(carry[1], step(a.converted_carry_h!, t), { rtol, atol })).toBe(true);
    }
    expect(Buffer.from(writeVariables(variables)).equals(Buffer.from(bytes))).toBe(true);
  });
});
