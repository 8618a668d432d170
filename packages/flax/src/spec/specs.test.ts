import { InteropError } from '@interop/core';
import type { FloatDType } from '@interop/runtime';
import { describe, expect, it } from 'vitest';
import { activationModule, namedActivations } from '../activation.js';
import { FlaxModule } from '../module.js';
import { activationLayerSpec } from './activation-spec.js';
import { atValues } from './layer-spec.js';
import type { LayerSpec } from './layer-spec.js';
import { createSpecs } from './specs.js';
import type { Specs } from './specs.js';
import { bool, need } from './values.js';
import type { ModuleSpec } from './values.js';

class Toy extends FlaxModule {
  readonly type = 'Toy';
  constructor(
    readonly features: number,
    options: { useBias?: boolean | undefined; dtype?: FloatDType | null; paramDtype?: FloatDType } = {},
  ) {
    super();
    this.setDtypes(options);
    if (features < 0) throw new InteropError('E_INVALID_ARGUMENT', 'features must be positive');
  }
}
class Activation extends activationModule(FlaxModule) {}
class Pair extends FlaxModule {
  readonly type = 'Pair';
  constructor(readonly items: FlaxModule[]) {
    super();
  }
}

const toySpec: LayerSpec<Toy, object, Record<string, number>> = {
  layerType: Toy,
  types: { Toy: ['features', 'dtype', 'param_dtype'] },
  unmodelled: atValues({ precision: null }),
  read: (spec, { dtypes }) => new Toy(need(spec, 'features'), { ...dtypes, useBias: bool(spec, 'use_bias') }),
  write: (m) => ({ type: 'Toy', features: m.features }),
  infer: (arrays, assume) => {
    if (arrays.toy === undefined) return undefined;
    assume('Toy with its defaults');
    return new Toy(arrays.toy);
  },
};
const specs: Specs<FlaxModule, object, Record<string, number>> = createSpecs<FlaxModule, object, Record<string, number>>({
  framework: 'Toy',
  table: { Activation: activationLayerSpec(Activation), Toy: toySpec },
  containers: { Pair: { args: ['items'], read: (spec) => new Pair((spec.items as ModuleSpec[]).map((s) => specs.read(s, {}))) } },
  defaults: { axis: -1 },
  writeDtypes: (m, spec) => (m.dtype === null ? spec : { ...spec, dtype: m.dtype }),
});
const refused = (spec: unknown) => {
  try {
    specs.read(spec as ModuleSpec, {});
  } catch (e) {
    return e as InteropError;
  }
  throw new Error('not refused');
};

describe('createSpecs', () => {
  it('reads through the table and the containers, and writes back with the plugin dtypes', () => {
    const pair = specs.read(
      {
        type: 'Pair',
        items: [
          { type: 'Toy', features: 3, dtype: 'bfloat16', axis: -1, precision: null },
          { type: 'leaky_relu', negative_slope: 0.2 },
        ],
      },
      {},
    ) as Pair;
    expect(pair.items.map((m) => specs.write(m))).toEqual([
      { type: 'Toy', features: 3, dtype: 'bfloat16' },
      { type: 'leaky_relu', negative_slope: 0.2 },
    ]);
    expect(specs.types).toEqual([...specs.types].sort());
  });

  it('refuses unknown types, arguments and values with E_INVALID_SPEC', () => {
    expect(refused({ type: 'Tooy' })).toMatchObject({ code: 'E_INVALID_SPEC', summary: "unknown Toy module type 'Tooy'" });
    expect(refused({ type: 'Toy', features: 3, axis: 0 }).summary).toBe("Toy argument 'axis' is not supported here");
    expect(refused({ type: 'Toy', features: 3, precision: 'highest' }).summary).toBe("Toy argument 'precision' is not supported here");
    expect(refused({ type: 'Toy', features: -1 }).summary).toMatch(/^Toy: features must be positive/);
    expect(refused({ type: 'Pair', items: [], extra: 1 }).summary).toBe("Pair argument 'extra' is not supported here");
    expect(refused([]).code).toBe('E_INVALID_SPEC');
  });

  it('infers with the first entry that recognises the arrays, its assumptions under the path', () => {
    const assumed: string[] = [];
    expect(specs.infer({ toy: 4 }, 'a/b', assumed)).toMatchObject({ features: 4 });
    expect(assumed).toEqual(['a/b: Toy with its defaults']);
    expect(specs.infer({}, '', assumed)).toBeUndefined();
  });

  it('names the activations with jax defaults, swish as silu', () => {
    const named = namedActivations(Activation);
    expect([named.elu.alpha, named.leakyRelu.alpha, named.gelu.fn, named.geluExact.fn]).toEqual([1, 0.01, 'gelu_tanh', 'gelu']);
    expect(specs.write(specs.read({ type: 'swish' }, {}))).toEqual({ type: 'silu' });
    expect(specs.write(specs.read({ type: 'gelu', approximate: false }, {}))).toEqual({ type: 'gelu', approximate: false });
  });
});
