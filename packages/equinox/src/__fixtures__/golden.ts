// Test-only: a layers_equinox golden case as model (+ State) read from the Equinox file, and checks.
import { concat, sliceAxis } from '@interop/core';
import type { Tensor } from '@interop/core';
import { allclose } from '@interop/runtime';
import { loadFixture } from '@interop/testing';
import { expect } from 'vitest';
import type { Module } from '../module.js';
import { GRUCell, LSTMCell } from '../modules/cells.js';
import { modelWithStateFromSpec } from '../spec.js';
import type { ModuleSpec } from '../spec.js';
import type { State } from '../state.js';
import { treeDeserialiseLeaves, treeSerialiseLeaves } from '../tree.js';
import { vmapCall } from '../vmap.js';

/** Loads a case: the model from the spec, its leaves (and State) from Equinox's file. */
export function golden(name: string) {
  const fixture = loadFixture('layers_equinox', name);
  const bytes = fixture.file('checkpoint');
  const [skeleton, initial] = modelWithStateFromSpec(fixture.manifest.spec as ModuleSpec);
  let model: Module;
  let state: State | null = null;
  if (initial) [model, state] = treeDeserialiseLeaves(bytes, [skeleton, initial] as [Module, State]);
  else model = treeDeserialiseLeaves(bytes, skeleton);
  return { fixture, bytes, model, state };
}

const step = (t: Tensor, i: number) => {
  const s = sliceAxis(t, 0, i, i + 1);
  return s.reshape(s.shape.slice(1));
};

/** Runs a cell over axis 0 of `xs` from the fixture's carry, giving stacked h (and c). */
function runCell(model: LSTMCell | GRUCell, a: Readonly<Record<string, Tensor>>, prefix: '' | 'batch_'): { h: Tensor; c?: Tensor } {
  const xs = a[`${prefix}input`]!;
  const hs: Tensor[] = [];
  const cs: Tensor[] = [];
  let h = a[`${prefix}carry0_h`]!;
  let c = a[`${prefix}carry0_c`];
  for (let t = 0; t < xs.shape[0]!; t++) {
    const x = step(xs, t);
    if (model instanceof LSTMCell) {
      [h, c] = prefix ? (vmapCall(model, x, [h, c!]) as [Tensor, Tensor]) : model.call(x, [h, c!]);
      cs.push(c);
    } else {
      h = prefix ? (vmapCall(model, x, h) as Tensor) : model.call(x, h);
    }
    hs.push(h);
  }
  const stack = (ts: Tensor[]) =>
    concat(
      ts.map((t) => t.reshape([1, ...t.shape])),
      0,
    );
  return { h: stack(hs), ...(cs.length ? { c: stack(cs) } : {}) };
}

function expectClose(y: Tensor, want: Tensor, tol: { rtol: number; atol: number }): void {
  expect(y.shape).toEqual(want.shape);
  expect(y.dtype).toBe(want.dtype);
  expect(allclose(y, want, tol)).toBe(true);
}

/**
 * Per-example and vmapped outputs equal to Equinox within the manifest's tolerance (dtype kept),
 * and the file rewritten byte-identical from what was read.
 */
export function expectGolden(name: string): void {
  const { fixture, bytes, model, state } = golden(name);
  const a = fixture.arrays;
  const { rtol, atol } = fixture.manifest.tolerance!;
  if (model instanceof LSTMCell || model instanceof GRUCell) {
    for (const prefix of ['', 'batch_'] as const) {
      const got = runCell(model, a, prefix);
      expectClose(got.h, a[`${prefix}carry_h`]!, { rtol, atol });
      expectClose(got.h, a[`${prefix}output`]!, { rtol, atol });
      if (got.c) expectClose(got.c, a[`${prefix}carry_c`]!, { rtol, atol });
    }
  } else {
    const call = model as unknown as { call(x: Tensor, ...rest: unknown[]): unknown };
    const one = state ? (call.call(a.input!, state) as [Tensor, State])[0] : (call.call(a.input!) as Tensor);
    expectClose(one, a.output!, { rtol, atol });
    if (a.batch_input) {
      const many = state ? (vmapCall(model, a.batch_input, state) as [Tensor, State])[0] : (vmapCall(model, a.batch_input) as Tensor);
      expectClose(many, a.batch_output!, { rtol, atol });
    }
  }
  const tree = state ? [model, state] : model;
  expect(Buffer.from(treeSerialiseLeaves(tree)).equals(Buffer.from(bytes))).toBe(true);
}
