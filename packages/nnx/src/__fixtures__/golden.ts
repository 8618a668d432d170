// Test-only: a layers_nnx golden case as a model built from its spec with Flax's state loaded.
import { loadFixture } from '@interop/testing';
import { allclose } from '@interop/runtime';
import type { Tensor } from '@interop/core';
import { expect } from 'vitest';
import { moduleFromSpec } from '../spec.js';
import type { ModuleSpec } from '../spec.js';
import { readState, writeState } from '../files.js';

/** Loads a case: its module from the spec, the Flax state file read into it. */
export function golden(name: string) {
  const fixture = loadFixture('layers_nnx', name);
  const bytes = fixture.file('checkpoint');
  return { fixture, bytes, model: readState(moduleFromSpec(fixture.manifest.spec as ModuleSpec), bytes) };
}

/** `y` has `want`'s shape and dtype and is within the manifest's tolerance of it. */
export function expectClose(y: Tensor, want: Tensor, tolerance: { rtol: number; atol: number }): void {
  expect(y.shape).toEqual(want.shape);
  expect(y.dtype).toBe(want.dtype);
  expect(allclose(y, want, tolerance)).toBe(true);
}

/** Forward equal to Flax within the manifest's tolerance, and the state rewritten byte-identical. */
export function expectGolden(name: string): void {
  const { fixture, bytes, model } = golden(name);
  const { input, output } = fixture.arrays;
  expectClose(model.call(input!) as Tensor, output!, fixture.manifest.tolerance!);
  expect(Buffer.from(writeState(model)).equals(Buffer.from(bytes))).toBe(true);
}
