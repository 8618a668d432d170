// Test-only: runs a layers_linen cell case step by step, as its manifest's `call` describes.
import { sliceAxis } from '@interop/core';
import type { Tensor } from '@interop/core';
import { allclose } from '@interop/runtime';
import { expect } from 'vitest';
import type { GRUCell } from '../modules/gru-cell.js';
import type { LSTMCell } from '../modules/lstm-cell.js';
import { writeVariables } from '../variables.js';
import { golden } from './golden.js';

const step = (t: Tensor, i: number) => {
  const s = sliceAxis(t, 0, i, i + 1);
  return s.reshape(s.shape.slice(1));
};

/** Every step's carry and output equal to Flax within tolerance; the checkpoint rewritten byte-identical. */
export function expectCellGolden(name: string): void {
  const { fixture, bytes, module, variables } = golden(name);
  const a = fixture.arrays;
  const { rtol, atol } = fixture.manifest.tolerance!;
  const close = (x: Tensor, y: Tensor) => {
    expect(x.dtype).toBe(y.dtype);
    expect(allclose(x, y, { rtol, atol })).toBe(true);
  };
  const steps = a.input!.shape[0]!;
  if (a.carry0_c) {
    const cell = module as LSTMCell;
    let carry: [Tensor, Tensor] = [a.carry0_c, a.carry0_h!];
    for (let t = 0; t < steps; t++) {
      const [next, y] = cell.apply(variables, carry, step(a.input!, t));
      close(next[0], step(a.carry_c!, t));
      close(next[1], step(a.carry_h!, t));
      close(y, step(a.output!, t));
      carry = next;
    }
  } else {
    const cell = module as GRUCell;
    let h = a.carry0_h!;
    for (let t = 0; t < steps; t++) {
      const [next, y] = cell.apply(variables, h, step(a.input!, t));
      close(next, step(a.carry_h!, t));
      close(y, step(a.output!, t));
      h = next;
    }
  }
  expect(Buffer.from(writeVariables(variables)).equals(Buffer.from(bytes))).toBe(true);
}
