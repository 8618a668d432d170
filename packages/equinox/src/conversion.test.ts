import { createRegistry } from '@interop/core';
import type { LayerIR, Tensor } from '@interop/core';
import { allclose, runIR } from '@interop/runtime';
import { listFixtures } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import equinox from './index.js';
import { EqxNode } from './adapter.js';
import { golden } from './__fixtures__/golden.js';
import { runNode } from './__fixtures__/mapping.js';
import { shapeChannelsLast, toChannelsFirst, toChannelsLast } from './layout.js';
import { Module } from './module.js';
import { State } from './state.js';

const registry = createRegistry().use(equinox);
const forward = listFixtures('layers_equinox').filter((n) => !n.includes('cell'));

describe('registry.toIR / fromIR over every forward golden case', () => {
  it.each(forward)('%s: the IR computes Equinox output channels-last; fromIR gives the model (and State) back', (name) => {
    const { model, state, fixture } = golden(name);
    const a = fixture.arrays;
    const { rtol, atol } = fixture.manifest.tolerance!;
    const input = state ? [model, state] : model;
    expect(registry.frameworkOf(input)).toBe('equinox');
    const ir = registry.toIR(input, 'equinox', { sampleInput: shapeChannelsLast(a.input!.shape) });
    const y = runIR(ir as LayerIR, toChannelsLast(a.batch_input!, true)) as Tensor;
    expect(allclose(toChannelsFirst(y, true), a.batch_output!, { rtol, atol })).toBe(true);
    const back = registry.fromIR(ir, 'equinox');
    if (state) {
      expect(Array.isArray(back) && back[0] instanceof Module && back[1] instanceof State).toBe(true);
      const [m, s] = back as [Module, State];
      expect(allclose(runNode(new EqxNode(m, s), a.batch_input!), a.batch_output!, { rtol, atol })).toBe(true);
    } else {
      expect(back).toBeInstanceOf(Module);
      expect(allclose(runNode(new EqxNode(back as Module), a.batch_input!), a.batch_output!, { rtol, atol })).toBe(true);
    }
  });

  it('a stateful Sequential without its State is refused, naming the fix', () => {
    const { model } = golden('sequential_batchnorm');
    expect(() => registry.toIR(model, 'equinox', { sampleInput: [3] })).toThrow(/State/);
  });

  it('a Sequential conv stack reads with a channels-last sample input and refuses a channels-first one', () => {
    const { model } = golden('sequential_conv_dropout');
    expect(() => registry.toIR(model, 'equinox', { sampleInput: [6, 6, 2] })).not.toThrow();
    expect(() => registry.toIR(model, 'equinox', { sampleInput: [2, 6, 6] })).toThrow(
      expect.objectContaining({ code: 'E_SHAPE_MISMATCH' }),
    );
  });

  it('owns Equinox modules and [model, state] pairs, nothing else', () => {
    const { model, state } = golden('batchnorm_ema_mode');
    const owns = equinox.adapter!.owns!;
    expect([owns(model), owns([model, state]), owns({}), owns([1, 2]), owns(null)]).toEqual([true, true, false, false, false]);
  });
});
