// A framework name no plugin registers: E_MISSING_PLUGIN, with "did you mean" where one is close.
import { describe, expect, it } from 'vitest';
import { defaultInterop } from '../default-interop.js';
import { meantFrameworks } from './framework-names.js';

const interop = defaultInterop();
const known = ['brainstate', 'nnx', 'linen', 'equinox'];

describe('framework names', () => {
  it('finds what a name may have meant', () => {
    expect(meantFrameworks('eqx', known)).toEqual(['equinox']);
    expect(meantFrameworks('Equinox', known)).toEqual(['equinox']);
    expect(meantFrameworks('flax.linen', known)).toEqual(['linen']);
    expect(meantFrameworks('brain', known)).toEqual(['brainstate']);
    expect(meantFrameworks('torch', known)).toEqual([]);
  });

  it('convert refuses to: "eqx" with did-you-mean equinox, before converting anything', () => {
    const model = {};
    const run = (options: object) => () => interop.convert(model, options as { to: 'equinox' });
    expect(run({ to: 'eqx' })).toThrow(
      expect.objectContaining({
        code: 'E_MISSING_PLUGIN',
        message: expect.stringMatching(/framework "eqx" \(to\); did you mean "equinox"\..*Pass to: 'equinox'/),
      }),
    );
    expect(run({ from: 'flax', to: 'nnx' })).toThrow(
      expect.objectContaining({
        code: 'E_MISSING_PLUGIN',
        message: expect.stringMatching(/framework "flax" \(from\)\. Expected one of brainstate, nnx, linen, equinox\./),
      }),
    );
  });
});
