import { describe, expect, it } from 'vitest';
import { ADense, ASequential, toyA } from '../__fixtures__/toy-a.js';
import { filled } from '../__fixtures__/tensors.js';
import { LDense, LDropout, LSequential, toyLinen } from '../__fixtures__/toy-linen.js';
import type { Variables } from '../__fixtures__/toy-linen.js';
import { createRegistry } from '../registry/registry.js';
import type { Tensor } from '../tensor/tensor.js';

const registry = () => createRegistry().use(toyA).use(toyLinen);

describe('a Linen-style framework (wrap and finalize)', () => {
  const model = new LSequential([new LDense(6), new LDropout(0.25), new LDense(2)]);
  const variables: Variables = {
    params: { layers_0: { kernel: filled([3, 6]), bias: filled([6]) }, layers_2: { kernel: filled([6, 2]) } },
  };

  it('reads [module, variables] through wrap, slicing variables per child', () => {
    const ir = registry().toIR([model, variables], 'toy-linen');
    expect(ir.kind).toBe('sequential');
    const layers = (ir as { layers: Array<{ kind: string; origin?: { path: string } }> }).layers;
    expect(layers.map((l) => [l.kind, l.origin?.path])).toEqual([
      ['linear', 'layers_0'],
      ['dropout', 'layers_1'],
      ['linear', 'layers_2'],
    ]);
  });

  it('returns [module, variables] from finalize, parameter-less children leaving no entry', () => {
    const r = registry();
    const a = new ASequential(new ADense(filled([3, 6]), filled([6])), new ADense(filled([6, 2])));
    const ir = r.toIR(a, 'toy-a');
    const [module, vars] = r.fromIR(ir, 'toy-linen') as [LSequential, Variables];
    expect(module.layers.map((l) => l.constructor.name)).toEqual(['LDense', 'LDense']);
    expect(Object.keys(vars.params!)).toEqual(['layers_0', 'layers_1']);
    const withDropout = r.toIR([model, variables], 'toy-linen');
    const [, again] = r.fromIR(withDropout, 'toy-linen') as [LSequential, Variables];
    expect(Object.keys(again.params!)).toEqual(['layers_0', 'layers_2']);
    expect((again.params!.layers_0 as Record<string, Tensor>).kernel!.equals(filled([3, 6]))).toBe(true);
  });

  it('locates errors at Linen-style paths', () => {
    class LScale extends LDense {}
    const r = createRegistry().use({ ...toyLinen, mappings: { LDropout: toyLinen.mappings.LDropout } });
    expect(() => r.toIR([new LSequential([new LDropout(0.1), new LScale(1)]), { params: {} }], 'toy-linen')).toThrow(/at layers_1/);
  });
});
