// Test-only: a layers_brainstate golden case as a module with the checkpoint's states, and checks.
import { Tensor, sliceAxis } from '@interop/core';
import { allclose } from '@interop/runtime';
import { loadFixture } from '@interop/testing';
import { expect } from 'vitest';
import { environ } from '../environ.js';
import { msgpackLoad, msgpackSave } from '../files.js';
import type { Module } from '../module.js';
import { moduleFromSpec } from '../spec.js';
import type { ModuleSpec } from '../spec.js';

/** Loads a case: its module from the spec (cells with initState for the carry's batch) and the checkpoint. */
export function golden(name: string) {
  const fixture = loadFixture('layers_brainstate', name);
  const bytes = fixture.file('checkpoint');
  const module = moduleFromSpec(fixture.manifest.spec as ModuleSpec);
  const carry = fixture.arrays.carry0_h;
  if (carry) module.initState(carry.shape[0]);
  msgpackLoad(module, bytes);
  return { fixture, bytes, module };
}

function expectClose(y: Tensor, want: Tensor, rtol: number, atol: number): void {
  expect(y.shape).toEqual(want.shape);
  expect(y.dtype).toBe(want.dtype);
  expect(allclose(y, want, { rtol, atol })).toBe(true);
}

/** Forward (per step for cells, carries included) equal to BrainState within tolerance; checkpoint rewritten byte-identical. */
export function expectGolden(name: string): Module {
  const { fixture, bytes, module } = golden(name);
  const { input, output } = fixture.arrays;
  const { rtol, atol } = fixture.manifest.tolerance!;
  expect(Buffer.from(msgpackSave(module)).equals(Buffer.from(bytes))).toBe(true);
  environ.context({ fit: false }, () => {
    if (fixture.manifest.kind === 'cell') {
      const steps = input!.shape[0]!;
      for (let t = 0; t < steps; t++) {
        const at = (a: Tensor) => sliceAxis(a, 0, t, t + 1).reshape(a.shape.slice(1));
        expectClose(module.call(at(input!)), at(output!), rtol, atol);
        const cells = module as unknown as Record<string, { value: Tensor } | undefined>;
        for (const n of ['h', 'c']) {
          const want = fixture.arrays[`carry_${n}`];
          if (want) expectClose(cells[n]!.value, at(want), rtol, atol);
        }
      }
    } else {
      expectClose(module.call(input!), output!, rtol, atol);
    }
  });
  return module;
}
