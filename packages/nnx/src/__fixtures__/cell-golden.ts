// Test-only: runs a layers_nnx cell case step by step, as its manifest's `call` describes.
import { sliceAxis } from '@interop/core';
import type { Tensor } from '@interop/core';
import { expect } from 'vitest';
import { writeState } from '../files.js';
import type { GRUCell } from '../modules/gru-cell.js';
import type { LSTMCell } from '../modules/lstm-cell.js';
import { expectClose, golden } from './golden.js';

const step = (t: Tensor, i: number) => {
  const s = sliceAxis(t, 0, i, i + 1);
  return s.reshape(s.shape.slice(1));
};

/** Every step's carry and output equal to Flax within tolerance; the state rewritten byte-identical. */
export function expectCellGolden(name: string): void {
  const { fixture, bytes, model } = golden(name);
  const a = fixture.arrays;
  const tol = fixture.manifest.tolerance!;
  const steps = a.input!.shape[0]!;
  if (a.carry0_c) {
    const cell = model as LSTMCell;
    let carry: [Tensor, Tensor] = [a.carry0_c, a.carry0_h!];
    for (let t = 0; t < steps; t++) {
      const [next, y] = cell.call(carry, step(a.input!, t));
      expectClose(next[0], step(a.carry_c!, t), tol);
      expectClose(next[1], step(a.carry_h!, t), tol);
      expectClose(y, step(a.output!, t), tol);
      carry = next;
    }
  } else {
    const cell = model as GRUCell;
    let h = a.carry0_h!;
    for (let t = 0; t < steps; t++) {
      const [next, y] = cell.call(h, step(a.input!, t));
      expectClose(next, step(a.carry_h!, t), tol);
      expectClose(y, step(a.output!, t), tol);
      h = next;
    }
  }
  expect(Buffer.from(writeState(model)).equals(Buffer.from(bytes))).toBe(true);
}
