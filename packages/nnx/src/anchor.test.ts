import { sliceAxis } from '@interop/core';
import type { Tensor } from '@interop/core';
import { listFixtures, loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { readState, writeState } from './files.js';
import type { LSTMCell } from './modules/lstm-cell.js';
import { moduleFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { expectClose } from './__fixtures__/golden.js';

const step = (t: Tensor, i: number) => {
  const s = sliceAxis(t, 0, i, i + 1);
  return s.reshape(s.shape.slice(1));
};

/** Loads one side (`source`, `converted`, `roundtrip`) of an anchor case that is an NNX model and checks it. */
function expectSide(name: string, side: 'source' | 'converted' | 'roundtrip'): void {
  const fixture = loadFixture('anchor', name);
  const m = fixture.manifest as unknown as Record<string, { module: ModuleSpec }> & { tolerance: { rtol: number; atol: number } };
  const bytes = fixture.file(side);
  const model = readState(moduleFromSpec(m[side]!.module), bytes);
  const a = fixture.arrays;
  if (a.carry0_c) {
    let carry: [Tensor, Tensor] = [a.carry0_c, a.carry0_h!];
    for (let t = 0; t < a.input!.shape[0]!; t++) {
      [carry] = (model as LSTMCell).call(carry, step(a.input!, t));
      expectClose(carry[0], step(a[`${side}_carry_c`]!, t), m.tolerance);
      expectClose(carry[1], step(a[`${side}_carry_h`]!, t), m.tolerance);
    }
  } else {
    expectClose(model.call(a.input!) as Tensor, a[`${side}_output`]!, m.tolerance);
  }
  expect(Buffer.from(writeState(model)).equals(Buffer.from(bytes))).toBe(true);
}

const exports = listFixtures('anchor').filter((n) => n.startsWith('export_nnx_'));
const imports = listFixtures('anchor').filter((n) => n.startsWith('import_nnx_'));

describe('NNX files brainstate.interop.to_nnx wrote: the dumped module spec and the file load, run as Flax did, and rewrite byte-identical', () => {
  it.each(exports)('%s (converted)', (name) => expectSide(name, 'converted'));
});

describe('NNX sources of brainstate.interop.from_nnx, and the round trips back to NNX', () => {
  it.each(imports)('%s (source)', (name) => expectSide(name, 'source'));
  it.each(imports)('%s (roundtrip)', (name) => expectSide(name, 'roundtrip'));
});
