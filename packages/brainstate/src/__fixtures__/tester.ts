// Test-only: the mapping tester for BrainState layers (parameters = non-hidden states, forward in eval mode).
import { Tensor } from '@interop/core';
import { createMappingTester } from '@interop/testing';
import { environ } from '../environ.js';
import { states } from '../graph.js';
import type { Module } from '../module.js';
import { HiddenState } from '../state.js';

/** Every parameter and statistic of a layer by path (hidden states of cells left out). */
export function paramsOf(layer: Module): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  for (const [path, state] of states(layer)) {
    if (state instanceof HiddenState) continue;
    const v = state.value;
    if (v instanceof Tensor) out.set(path, v);
    else for (const [k, t] of Object.entries(v)) out.set(`${path}/${k}`, t);
  }
  return out;
}

/** The tester: toIR → fromIR must give bit-identical states and equal eval-mode outputs. */
export const tester = createMappingTester({
  runLayer: (layer: Module, x) => environ.context({ fit: false }, () => layer.call(x)),
  params: (layer: Module) => paramsOf(layer),
});

/** The tester for cells: both cells start from zero hidden states for the input's batch. */
export const cellTester = createMappingTester({
  runLayer: (cell: Module, x) => {
    cell.initState(x.shape[0]);
    return cell.call(x);
  },
  params: (layer: Module) => paramsOf(layer),
});
