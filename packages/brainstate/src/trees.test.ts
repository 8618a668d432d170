import { Tensor, createRegistry } from '@interop/core';
import type { ModuleIR } from '@interop/core';
import { allclose } from '@interop/runtime';
import { listFixtures } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { TREE_CASES, goldenTree } from './__fixtures__/trees.js';
import { environ } from './environ.js';
import { msgpackSave } from './files.js';
import { states } from './graph.js';
import brainstate from './index.js';
import type { Module } from './module.js';
import { ModuleTree } from './modules/module-tree.js';
import { moduleToSpec } from './to-spec.js';

/** Every array of a model by path (dict-valued states expanded, keys sorted), as bits. */
function leaves(m: Module): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [path, state] of states(m)) {
    const v = state.value;
    const entries: Array<[string, Tensor]> = v instanceof Tensor ? [[path, v]] : Object.entries(v).map(([k, t]) => [`${path}/${k}`, t]);
    for (const [k, t] of entries) out[k] = [...t.shape, ...Array.from(t.toArray(), Number)];
  }
  return out;
}

const run = (m: Module, x: Parameters<Module['call']>[0]) => environ.context({ fit: false }, () => m.call(x));

describe('trees_brainstate: user-written BrainState classes against the real framework', () => {
  it('has the four trees and 13 pooling/Flatten layers', () => {
    expect(listFixtures('trees_brainstate').length).toBe(17);
  });

  it.each(TREE_CASES)('%s: read from the spec and checkpoint, forward equals BrainState', (name) => {
    const { fixture, module } = goldenTree(name);
    expect(module).toBeInstanceOf(ModuleTree);
    const y = run(module, fixture.arrays.input!);
    expect(y.shape).toEqual(fixture.arrays.output!.shape);
    expect(allclose(y, fixture.arrays.output!, fixture.manifest.tolerance!)).toBe(true);
  });

  it.each(TREE_CASES)('%s: written back byte-identical to braintools.file.msgpack_save', (name) => {
    const { module, bytes } = goldenTree(name);
    expect(Buffer.from(msgpackSave(module)).equals(Buffer.from(bytes))).toBe(true);
  });

  it.each(TREE_CASES)("%s: the state paths are BrainState's", (name) => {
    const { module, fixture } = goldenTree(name);
    const want = [...new Set((fixture.manifest.states as Array<{ path: Array<string | number> }>).map((s) => s.path.join('/')))];
    expect([...states(module).keys()]).toEqual(want);
  });

  it.each(TREE_CASES)('%s: spec round trip', (name) => {
    const { module, spec } = goldenTree(name);
    expect(moduleToSpec(module)).toEqual(spec);
  });

  it.each(listFixtures('trees_brainstate').filter((n) => !(TREE_CASES as readonly string[]).includes(n)))(
    '%s: the layer alone equals BrainState, its (empty) state file too',
    (name) => {
      const { fixture, module, bytes } = goldenTree(name);
      const y = run(module, fixture.arrays.input!);
      expect(y.shape).toEqual(fixture.arrays.output!.shape);
      expect(allclose(y, fixture.arrays.output!, fixture.manifest.tolerance!)).toBe(true);
      expect(Buffer.from(msgpackSave(module)).equals(Buffer.from(bytes))).toBe(true);
      expect(moduleToSpec(module)).toEqual(fixture.manifest.spec);
    },
  );

  it.each(TREE_CASES)('%s: BrainState → IR → BrainState keeps the bytes and the output', (name) => {
    const { module, bytes, fixture } = goldenTree(name);
    const registry = createRegistry().use(brainstate);
    const sampleInput = fixture.arrays.input!.shape.slice(1);
    const ir = registry.toIR(module, 'brainstate', { sampleInput }) as ModuleIR;
    expect(ir.kind).toBe('module');
    const back = registry.fromIR(ir, 'brainstate', { sampleInput }) as Module;
    // The same states, bit for bit; a BatchNorm built from IR orders its dict { scale, bias }, as
    // brainstate.interop builds it (the anchor's imports), where a fresh Python BatchNorm has { bias, scale }.
    expect(leaves(back)).toEqual(leaves(module));
    if (!name.startsWith('resnet')) expect(Buffer.from(msgpackSave(back)).equals(Buffer.from(bytes))).toBe(true);
    // A Flatten comes back as Flatten(in_size=...) (the shape is known here), so specs may differ there.
    expect(Object.keys((moduleToSpec(back) as unknown as { children: object }).children)).toEqual(
      Object.keys((moduleToSpec(module) as unknown as { children: object }).children),
    );
    expect(allclose(run(back, fixture.arrays.input!), fixture.arrays.output!, fixture.manifest.tolerance!)).toBe(true);
  });
});
