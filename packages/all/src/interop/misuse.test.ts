import { describe, expect, it } from 'vitest';
import { brainstate, interop, linen, nnx } from '../index.js';

function caught(f: () => unknown): { code?: string; message: string } {
  try {
    f();
  } catch (e) {
    return e as { code?: string; message: string };
  }
  throw new Error('expected a throw');
}

describe("the toX/fromX calls refuse another framework's model naming the call that fits", () => {
  const nnxModel = () => new nnx.Linear(3, 4, { rngs: new nnx.Rngs(0) });

  it('toEquinox(nnxModel) names interop.convert from nnx to equinox', () => {
    const error = caught(() => interop.toEquinox(nnxModel() as never));
    expect(error.code).toBe('E_INVALID_ARGUMENT');
    expect(error.message).toMatch(/^toEquinox takes a BrainState model, not an NNX model/);
    expect(error.message).toContain("use interop.convert(model, { from: 'nnx', to: 'equinox' })");
    expect(error.message).not.toMatch(/bug in the plugin/);
  });

  it('toLinen(nnxModel) and fromNnx(brainstateModel) likewise', () => {
    expect(caught(() => interop.toLinen(nnxModel() as never)).message).toContain("interop.convert(model, { from: 'nnx', to: 'linen' })");
    const back = caught(() => interop.fromNnx(new brainstate.Linear(3, 4) as never));
    expect(back.code).toBe('E_INVALID_ARGUMENT');
    expect(back.message).toMatch(/^fromNnx takes an NNX model, not a BrainState model/);
  });

  it('fromLinen([module, variables]) says to pass the two as arguments', () => {
    const error = caught(() => interop.fromLinen([new linen.Dense(2), {}] as never, undefined as never));
    expect(error.code).toBe('E_INVALID_ARGUMENT');
    expect(error.message).toMatch(/^fromLinen takes the module and its variables as two arguments/);
    expect(error.message).toContain('interop.fromLinen(module, variables)');
  });

  it('fromLinen(module, wrongVariables) says the variables are wrong', () => {
    const error = caught(() => interop.fromLinen(new linen.Dense(2), new Uint8Array(4) as never));
    expect(error.code).toBe('E_INVALID_ARGUMENT');
    expect(error.message).toMatch(/not a Linen variables dict/);
    expect(error.message).not.toMatch(/E_UNMAPPED_LAYER|'Array'/);
  });
});
