// Test-only: the mapping tester over NNX modules, valid cases from layers_nnx golden files.
import type { Tensor } from '@interop/core';
import { createMappingTester } from '@interop/testing';
import { flatState, state, toPureDict } from '../graph.js';
import type { AnyModule } from '../module.js';
import { golden } from './golden.js';

/** Runs `.call(x)` and compares parameters by NNX state path. */
export const tester = createMappingTester({
  runLayer: (m: AnyModule, x: Tensor) => m.call(x) as Tensor,
  params: (m: AnyModule) => new Map(flatState(toPureDict(state(m))).map(([p, t]) => [p.join('/'), t as Tensor])),
});

/** A valid case per golden fixture: Flax's weights, its input as batch and sample shape. */
export function goldenCases(names: readonly string[], withInput = true) {
  return names.map((name) => {
    const { model, fixture } = golden(name);
    const input = fixture.arrays.input!;
    return { name, layer: model, ...(withInput ? { input, sampleInput: input.shape.slice(1) } : {}) };
  });
}
