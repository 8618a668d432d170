// The plugin's own kind, defined once with defineKind: the runtime runs IR holding it (through
// the definition's run, handed on as registry.kinds()), so verify compares that IR with the
// layers' own forward passes; irFromJSON validates it.
import { Tensor, createRegistry, irFromJSON, irToJSON } from '@interop/core';
import type { IRNode } from '@interop/core';
import brainstate, { Linear, Sequential } from '@interop/brainstate';
import linen from '@interop/linen';
import type { AnyModule, Variables } from '@interop/linen';
import { runIR, verify } from '@interop/runtime';
import { describe, expect, it } from 'vitest';
import { BrainstateScale, scaleBrainstate, scaleKind, scaleLinen } from './index.js';

const x = Tensor.fromArray(
  Array.from({ length: 12 }, (_, i) => Math.cos(i + 1)),
  [3, 4],
  'float32',
);
const gains = Tensor.fromArray([0.5, -1, 2, 1.5, -0.25, 3, 1, 0.75], [8], 'float32');
const model = new Sequential(new Linear(4, 8), new BrainstateScale(8, gains), new Linear(8, 2));
const registry = createRegistry().use(brainstate).use(linen).use(scaleBrainstate).use(scaleLinen);
const kinds = registry.kinds();

describe('verify with the scale kind', () => {
  it('the registry lists the kind both plugins register, once', () => {
    expect(kinds).toEqual({ scale: scaleKind });
  });

  it('runs the IR of a stack holding Scale and matches the BrainState stack', () => {
    const ir = registry.toIR(model, 'brainstate', { sampleInput: [4] });
    expect((ir as { layers: IRNode[] }).layers.map((l) => l.kind)).toEqual(['linear', 'scale', 'linear']);
    const report = verify(ir, (input: Tensor) => model.call(input), [x], { kinds, atol: 1e-6 });
    expect(report.pass).toBe(true);
  });

  it('matches the Linen stack converted from it', () => {
    const [module, variables] = registry.convert(model, { from: 'brainstate', to: 'linen' }) as [AnyModule, Variables];
    const ir = registry.toIR([module, variables], 'linen', { sampleInput: [4] });
    expect(verify(ir, (input: Tensor) => module.apply(variables, input), [x], { kinds, atol: 1e-6 }).pass).toBe(true);
  });

  it('is refused by the runtime without the kinds, and validated by irFromJSON with them', () => {
    const ir = registry.toIR(model, 'brainstate', { sampleInput: [4] });
    expect(() => runIR(ir, x)).toThrow(/Unknown IR kind "scale"/);
    const json = irToJSON(ir);
    expect(irToJSON(irFromJSON(json, { kinds }))).toEqual(json);
    json.layers![1]!.params = { features: 'eight' };
    expect(() => irFromJSON(json, { kinds })).toThrow(/layers\/1\/params\/features/);
  });
});
