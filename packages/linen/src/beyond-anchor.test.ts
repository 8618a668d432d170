import { createRegistry } from '@interop/core';
import type { LayerIR } from '@interop/core';
import { allclose, runIR } from '@interop/runtime';
import { listFixtures, loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import linen from './index.js';
import { golden } from './__fixtures__/golden.js';

// Linen models brainstate.interop refuses to read (refuse_import_linen_*): here each one reads into
// the IR given the sample input's shape, and the IR computes the Linen output. GRUCell is left out:
// its IR is the cuDNN form, refused only by a target (BrainState) that computes the Cho form.
const cases = listFixtures('anchor').filter((name) => name.startsWith('refuse_import_linen_') && !name.endsWith('grucell'));

describe('Linen models the anchor refuses, read here', () => {
  it.each(cases)('%s', (name) => {
    const source = (loadFixture('anchor', name).manifest.source_case as string).split('/')[1]!;
    const { module, variables, fixture } = golden(source);
    const input = fixture.arrays.input!;
    const { rtol, atol } = fixture.manifest.tolerance!;
    const ir = createRegistry()
      .use(linen)
      .toIR([module, variables], 'linen', { sampleInput: input.shape.slice(1) }) as LayerIR;
    expect(allclose(runIR(ir, input), fixture.arrays.output!, { rtol, atol })).toBe(true);
  });

  it('a channel count that disagrees with the sample input is refused', () => {
    const { module, variables } = golden('dense');
    expect(() =>
      createRegistry()
        .use(linen)
        .toIR([module, variables], 'linen', { sampleInput: [4] }),
    ).toThrow(expect.objectContaining({ code: 'E_SHAPE_MISMATCH' }));
  });
});
