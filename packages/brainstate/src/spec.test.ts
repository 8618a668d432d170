import { listFixtures, loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { Conv1d, ELU, GELU, LSTMCell, LeakyReLU, Linear, ReLU, Sequential, relu } from './index.js';
import { moduleFromSpec, moduleToSpec } from './index.js';
import type { ModuleSpec } from './spec.js';

/** Python writes a one-entry size either way: `in_size: 6` and `in_size: [6]` are the same call. */
function normal(spec: unknown): unknown {
  if (Array.isArray(spec)) return spec.map(normal);
  if (spec === null || typeof spec !== 'object') return spec;
  return Object.fromEntries(
    Object.entries(spec).map(([k, v]) => [
      k,
      ['in_size', 'out_size', 'embedding_size', 'kernel_size'].includes(k) && typeof v === 'number' ? [v] : normal(v),
    ]),
  );
}

describe('specs: the Python constructor call as JSON', () => {
  it.each(listFixtures('layers_brainstate'))('%s: moduleToSpec(moduleFromSpec(spec)) is the same call', (name) => {
    const spec = loadFixture('layers_brainstate', name).manifest.spec as ModuleSpec;
    const back = moduleToSpec(moduleFromSpec(spec));
    const want = normal(spec) as Record<string, unknown>;
    const got = normal(back) as Record<string, unknown>;
    if (/^Conv/.test(spec.type)) {
      // BrainState's replicate and _parse_padding: scalars become one entry per spatial dim.
      const nd = (spec.in_size as number[]).length - 1;
      const rep = (v: unknown) => (typeof v === 'number' ? Array<number>(nd).fill(v) : v);
      for (const k of ['kernel_size', 'stride', 'lhs_dilation', 'rhs_dilation']) if (k in want) want[k] = rep(spec[k]);
      if (typeof spec.padding === 'number') want.padding = Array.from({ length: nd }, () => [spec.padding, spec.padding]);
      if (want.b_init === null) delete want.b_init; // Conv's default b_init is None
    }
    if (spec.type === 'Sequential') expect(normal(moduleToSpec(moduleFromSpec(back)))).toEqual(got);
    else expect(got).toEqual(want);
  });

  it('writes activations, cells without bias and non-default arguments', () => {
    expect(
      moduleToSpec(new Sequential(new Linear(3, 4, { bInit: null }), relu, new ReLU(), new GELU(true), new LeakyReLU(0.2), new ELU())),
    ).toEqual({
      type: 'Sequential',
      layers: [
        { type: 'Linear', in_size: 3, out_size: 4, b_init: null },
        { type: 'relu' },
        { type: 'ReLU' },
        { type: 'GELU', approximate: true },
        { type: 'LeakyReLU', negative_slope: 0.2 },
        { type: 'ELU' },
      ],
    });
    expect(moduleToSpec(new LSTMCell(3, 4, { bInit: null }))).toEqual({ type: 'LSTMCell', num_in: 3, num_out: 4, b_init: null });
    expect(moduleToSpec(new Conv1d([16, 4], 6, 3, { stride: 2, groups: 2 }))).toEqual({
      type: 'Conv1d',
      in_size: [16, 4],
      out_channels: 6,
      kernel_size: [3],
      stride: [2],
      groups: 2,
    });
  });

  it('refuses unknown types and arguments with InteropErrors', () => {
    expect(() => moduleFromSpec({ type: 'Dense', features: 3 })).toThrow(expect.objectContaining({ code: 'E_INVALID_SPEC' }));
    expect(() => moduleFromSpec({ type: 'Linear', in_size: 3, out_size: 4, use_bias: false })).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(() => moduleFromSpec({ type: 'relu', approximate: true })).toThrow(expect.objectContaining({ code: 'E_INVALID_SPEC' }));
  });
});
