// Test-only: a trees_equinox golden case read into the model (+ State) its spec describes.
import { loadFixture } from '@interop/testing';
import type { ValidCase } from '@interop/testing';
import { EqxNode } from '../adapter.js';
import { shapeChannelsLast } from '../layout.js';
import type { Module } from '../module.js';
import { modelWithStateFromSpec } from '../spec.js';
import type { ModuleSpec } from '../spec.js';
import type { State } from '../state.js';
import { treeDeserialiseLeaves } from '../tree.js';

/** Loads a case: the tree from its spec, its leaves (and State) from Equinox's file. */
export function treeCase(name: string) {
  const fixture = loadFixture('trees_equinox', name);
  const bytes = fixture.file('checkpoint');
  const spec = fixture.manifest.spec as ModuleSpec;
  const [skeleton, initial] = modelWithStateFromSpec(spec);
  let model: Module;
  let state: State | null = null;
  if (initial) [model, state] = treeDeserialiseLeaves(bytes, [skeleton, initial] as [Module, State]);
  else model = treeDeserialiseLeaves(bytes, skeleton);
  return { fixture, bytes, spec, model, state };
}

/** A trees_equinox single-layer case as a valid mapping case, with its channels-last sample input. */
export function treeLayerCase(name: string): ValidCase<EqxNode> {
  const { model, state, fixture } = treeCase(name);
  const a = fixture.arrays;
  return { name, layer: new EqxNode(model, state), sampleInput: shapeChannelsLast(a.input!.shape), input: a.batch_input! };
}
