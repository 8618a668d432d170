// Test-only: golden Equinox layers as mapping-tester cases.
import { Tensor } from '@interop/core';
import type { ValidCase } from '@interop/testing';
import { createMappingTester } from '@interop/testing';
import { EqxNode } from '../adapter.js';
import { shapeChannelsLast } from '../layout.js';
import { GRUCell, LSTMCell } from '../modules/cells.js';
import { treeLeaves } from '../tree.js';
import { vmapCall } from '../vmap.js';
import { golden } from './golden.js';

/** Runs a node on an Equinox-layout batch (cells from a zero carry). */
export function runNode(node: EqxNode, xs: Tensor): Tensor {
  const m = node.module;
  const n = xs.shape[0]!;
  if (m instanceof LSTMCell) {
    const h = Tensor.zeros([n, m.hiddenSize], xs.dtype);
    return (vmapCall(m, xs, [h, h]) as [Tensor, Tensor])[0];
  }
  if (m instanceof GRUCell) return vmapCall(m, xs, Tensor.zeros([n, m.hiddenSize], xs.dtype)) as Tensor;
  return node.state ? (vmapCall(m, xs, node.state) as [Tensor, unknown])[0] : (vmapCall(m, xs) as Tensor);
}

/** The node's array leaves and State values, by tree path (what must survive a round trip). */
export function nodeParams(node: EqxNode): Map<string, Tensor> {
  const tree = node.state ? [node.module, node.state] : node.module;
  return new Map(
    treeLeaves(tree)
      .filter((l): l is { path: string; leaf: Tensor } => l.leaf instanceof Tensor)
      .map((l) => [l.path, l.leaf]),
  );
}

/** A mapping tester running Equinox layers on batches and comparing leaves and State. */
export const tester = createMappingTester({ runLayer: runNode, params: nodeParams });

/** A golden case as a valid mapping case, with its channels-last sample input. */
export function goldenCase(name: string): ValidCase<EqxNode> {
  const { model, state, fixture } = golden(name);
  const a = fixture.arrays;
  const x = a.input!;
  const perStep = a.carry0_h !== undefined;
  const sample = perStep ? x.shape.slice(1) : shapeChannelsLast(x.shape);
  const batch = perStep ? undefined : a.batch_input;
  return { name, layer: new EqxNode(model, state), sampleInput: sample, ...(batch ? { input: batch } : {}) };
}
