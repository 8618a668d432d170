// End to end: a BrainState stack holding the custom layer converts to Linen and back through
// the registry, and computes what it computed before.
import { Tensor, createRegistry } from '@interop/core';
import type { InteropError } from '@interop/core';
import brainstate, { Linear, Sequential } from '@interop/brainstate';
import linen from '@interop/linen';
import type { AnyModule, Variables } from '@interop/linen';
import { describe, expect, it } from 'vitest';
import { BrainstateScale, LinenScale, scaleBrainstate, scaleLinen } from './index.js';

const x = Tensor.fromArray(
  Array.from({ length: 12 }, (_, i) => Math.sin(i + 1)),
  [3, 4],
  'float32',
);
const gains = Tensor.fromArray([0.5, -1, 2, 1.5, -0.25, 3, 1, 0.75], [8], 'float32');
const model = () => new Sequential(new Linear(4, 8), new BrainstateScale(8, gains), new Linear(8, 2));
const registry = () => createRegistry().use(brainstate).use(linen).use(scaleBrainstate).use(scaleLinen);

function close(a: Tensor, b: Tensor): void {
  expect(a.shape).toEqual(b.shape);
  const bv = b.toArray();
  a.toArray().forEach((v, i) => expect(Math.abs(v - bv[i]!)).toBeLessThanOrEqual(1e-6 + 1e-5 * Math.abs(bv[i]!)));
}

describe('a BrainState stack with Scale', () => {
  it('converts to Linen with the gains in params.layers_1.scale and the same outputs', () => {
    const source = model();
    const [module, variables] = registry().convert(source, { from: 'brainstate', to: 'linen' }) as [AnyModule, Variables];
    expect((module as unknown as { layers: AnyModule[] }).layers[1]).toBeInstanceOf(LinenScale);
    expect(((variables.params!.layers_1 as Record<string, Tensor>).scale as Tensor).equals(gains)).toBe(true);
    close(module.apply(variables, x), source.call(x));
  });

  it('comes back from Linen to BrainState unchanged', () => {
    const source = model();
    const r = registry();
    const back = r.convert(r.convert(source, { from: 'brainstate', to: 'linen' }), {
      from: 'linen',
      to: 'brainstate',
      sampleInput: [4],
    }) as Sequential;
    expect(back.layers[1]).toBeInstanceOf(BrainstateScale);
    close(back.call(x), source.call(x));
  });

  it('without the plugin, the layer is refused by name', () => {
    let error: InteropError | undefined;
    try {
      createRegistry().use(brainstate).use(linen).convert(model(), { from: 'brainstate', to: 'linen' });
    } catch (e) {
      error = e as InteropError;
    }
    expect(error?.code).toBe('E_UNMAPPED_LAYER');
    expect(error?.message).toContain('Scale');
  });
});
