// Conversions the anchor does not offer (it goes only through BrainState): GRU cells between
// NNX, Linen and Equinox, and input-dilated convolutions, each exact or refused with its reason.
import { InteropError } from '@interop/core';
import type { Tensor } from '@interop/core';
import { moduleFromSpec as equinoxFromSpec, treeDeserialiseLeaves } from '@interop/equinox';
import type { ModuleSpec as EqxSpec } from '@interop/equinox';
import { moduleFromSpec as nnxFromSpec, readState } from '@interop/nnx';
import type { ModuleSpec as NnxSpec } from '@interop/nnx';
import { allclose } from '@interop/runtime';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { runGRU } from '../anchor/cells.js';
import { defaultInterop } from '../default-interop.js';

const interop = defaultInterop();
const tol = { rtol: 1e-5, atol: 1e-6 };

function nnxGolden(name: string) {
  const f = loadFixture('layers_nnx', name);
  return { f, model: readState(nnxFromSpec(f.manifest.spec as NnxSpec), f.file('checkpoint')) };
}

function refusal(fn: () => unknown): InteropError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InteropError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('GRUCell (cuDNN form) between NNX, Linen and Equinox', () => {
  const { f, model } = nnxGolden('grucell');
  const { input, carry0_h: h0, carry_h: want } = f.arrays as Record<string, Tensor>;

  it.each(['linen', 'equinox'] as const)('NNX → %s steps exactly as nnx.GRUCell did', (to) => {
    const converted = interop.convert(model, { to });
    expect(allclose(runGRU(to, converted, input!, h0!), want!, tol)).toBe(true);
  });

  it('Linen → NNX comes back (NNX gave it a zero b_hn) and steps the same', () => {
    const linen = interop.convert(model, { to: 'linen' });
    const back = interop.convert(linen, { to: 'nnx' });
    expect(allclose(runGRU('nnx', back, input!, h0!), want!, tol)).toBe(true);
  });

  it("Equinox → NNX is refused when Equinox's b_hn is not zero, saying NNX has no such bias", () => {
    const e = loadFixture('layers_equinox', 'grucell');
    const eqx = treeDeserialiseLeaves(e.file('checkpoint'), equinoxFromSpec(e.manifest.spec as EqxSpec));
    const error = refusal(() => interop.convert(eqx, { to: 'nnx' }));
    expect(error.code).toBe('E_CONVERSION');
    expect(error.message).toMatch(/b_hn|hidden-side|candidate/);
  });

  it('Equinox → Linen keeps b_hn (Linen has it) and steps as eqx.nn.GRUCell did', () => {
    const e = loadFixture('layers_equinox', 'grucell');
    const eqx = treeDeserialiseLeaves(e.file('checkpoint'), equinoxFromSpec(e.manifest.spec as EqxSpec));
    const a = e.arrays as Record<string, Tensor>;
    const linen = interop.convert(eqx, { to: 'linen' });
    expect(allclose(runGRU('linen', linen, a.batch_input!, a.batch_carry0_h!), a.batch_carry_h!, tol)).toBe(true);
  });
});

describe('NNX Conv with input dilation', () => {
  const { f, model } = nnxGolden('conv2d_input_dilation');
  const sampleInput = f.arrays.input!.shape.slice(1);

  it.each(['linen', 'brainstate'] as const)('converts exactly to %s, which can express it', (to) => {
    const converted = interop.convert(model, { to, sampleInput });
    expect(allclose(interop.files(to).forward(converted, f.arrays.input!), f.arrays.output!, tol)).toBe(true);
  });

  it('is refused by Equinox, naming it, from NNX and from Linen alike', () => {
    const fromNnx = refusal(() => interop.convert(model, { to: 'equinox', sampleInput }));
    const linen = interop.convert(model, { to: 'linen' });
    const fromLinen = refusal(() => interop.convert(linen, { to: 'equinox', sampleInput }));
    for (const error of [fromNnx, fromLinen]) {
      expect(error.code).toBe('E_CONVERSION');
      expect(error.message).toMatch(/eqx|Equinox/);
      expect(error.message).toMatch(/dilation/);
    }
  });
});
