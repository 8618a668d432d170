import type { Tensor as T } from '@interop/core';
import { allclose } from '@interop/runtime';
import { listFixtures } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { treeCase } from './__fixtures__/trees.js';
import type { Module } from './module.js';
import { moduleFromSpec, modelWithStateFromSpec } from './spec.js';
import type { State } from './state.js';
import { moduleToSpec } from './to-spec.js';
import { treeDeserialiseLeaves, treeSerialiseLeaves } from './tree.js';
import { vmapCall } from './vmap.js';

const close = (y: T, want: T, tol: { rtol: number; atol: number }) => {
  expect(y.shape).toEqual(want.shape);
  expect(y.dtype).toBe(want.dtype);
  const ok = allclose(y, want, tol);
  if (!ok) {
    const a = y.toFloat64();
    const b = want.toFloat64();
    const worst = Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]!)));
    throw new Error(`max abs diff ${worst}`);
  }
};

describe('every trees_equinox case against equinox 0.13.8', () => {
  it('covers the 13 cases', () => expect(listFixtures('trees_equinox')).toHaveLength(13));

  it.each(listFixtures('trees_equinox'))('%s: read → forward equals Equinox (per example and vmapped)', (name) => {
    const { fixture, model, state } = treeCase(name);
    const a = fixture.arrays;
    const tol = fixture.manifest.tolerance!;
    const call = model as unknown as { call(x: T, ...r: unknown[]): unknown };
    const one = state ? (call.call(a.input!, state) as [T, State])[0] : (call.call(a.input!) as T);
    close(one, a.output!, tol);
    const many = state ? (vmapCall(model, a.batch_input!, state) as [T, State])[0] : (vmapCall(model, a.batch_input!) as T);
    close(many, a.batch_output!, tol);
  });

  it.each(listFixtures('trees_equinox'))('%s: write → bytes identical to Equinox', (name) => {
    const { bytes, model, state } = treeCase(name);
    expect(Buffer.from(treeSerialiseLeaves(state ? [model, state] : model)).equals(Buffer.from(bytes))).toBe(true);
  });

  it.each(listFixtures('trees_equinox'))('%s: spec round trip (same forward, same file, same outputs)', (name) => {
    const { fixture, bytes, spec, model } = treeCase(name);
    const written = moduleToSpec(model);
    expect(moduleToSpec(moduleFromSpec(written))).toEqual(written);
    expect(written.forward).toEqual(spec.forward);
    const [skeleton, initial] = modelWithStateFromSpec(written);
    const again = initial ? treeDeserialiseLeaves(bytes, [skeleton, initial] as [Module, State]) : treeDeserialiseLeaves(bytes, skeleton);
    expect(Buffer.from(treeSerialiseLeaves(again)).equals(Buffer.from(bytes))).toBe(true);
    const [m2, s2] = (initial ? again : [again, null]) as [Module, State | null];
    const a = fixture.arrays;
    const y = s2 ? (vmapCall(m2, a.batch_input!, s2) as [T, State])[0] : (vmapCall(m2, a.batch_input!) as T);
    close(y, a.batch_output!, fixture.manifest.tolerance!);
  });
});
