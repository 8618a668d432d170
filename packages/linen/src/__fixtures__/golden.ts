// Test-only: a layers_linen golden case as module, variables from Flax's msgpack, and checks.
import { loadFixture } from '@interop/testing';
import { allclose } from '@interop/runtime';
import { expect } from 'vitest';
import { moduleFromSpec } from '../spec.js';
import type { ModuleSpec } from '../spec.js';
import { readVariables, writeVariables } from '../variables.js';

/** Loads a case: its module from the spec and its variables from the Flax checkpoint. */
export function golden(name: string) {
  const fixture = loadFixture('layers_linen', name);
  const bytes = fixture.file('checkpoint');
  return { fixture, bytes, module: moduleFromSpec(fixture.manifest.spec as ModuleSpec), variables: readVariables(bytes) };
}

/** Forward equal to Flax within the manifest's tolerance, and the checkpoint rewritten byte-identical. */
export function expectGolden(name: string): void {
  const { fixture, bytes, module, variables } = golden(name);
  const { input, output } = fixture.arrays;
  const { rtol, atol } = fixture.manifest.tolerance!;
  const y = module.apply(variables, input!);
  expect(y.shape).toEqual(output!.shape);
  expect(y.dtype).toBe(output!.dtype);
  expect(allclose(y, output!, { rtol, atol })).toBe(true);
  expect(Buffer.from(writeVariables(variables)).equals(Buffer.from(bytes))).toBe(true);
}
