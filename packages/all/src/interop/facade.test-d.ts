// The typed facade: results and options follow the framework names, and a third-party framework
// joins by augmenting Frameworks (run by vitest's typecheck, not at run time).
import { describe, expectTypeOf, it } from 'vitest';
import { interop, jax } from '@interop/all';
import type { FrameworkName, LoadedFile, ModelOf, SavedFile, Tensor, brainstate, equinox, linen, nnx } from '@interop/all';

/** A third party's model type, as its plugin package would declare it. */
interface ToyModel {
  readonly toy: true;
}

declare module '@interop/all' {
  interface Frameworks {
    toy: ToyModel;
  }
  interface FrameworkOptions {
    toy: { toySeed?: number };
  }
}

declare const bst: brainstate.Module;
declare const nnxModel: nnx.AnyModule;
declare const linenPair: [linen.AnyModule, linen.Variables];
declare const eqx: equinox.Module;
declare const toy: ToyModel;

describe('the toX / fromX pairs', () => {
  it('NNX', () => {
    expectTypeOf(interop.toNnx(bst, { rngs: new (null as unknown as typeof nnx.Rngs)(0) })).toEqualTypeOf<nnx.AnyModule>();
    expectTypeOf(interop.fromNnx(nnxModel)).toEqualTypeOf<brainstate.Module>();
    // @ts-expect-error toNnx takes a BrainState model
    interop.toNnx(linenPair);
    // @ts-expect-error rngs is an nnx.Rngs
    interop.toNnx(bst, { rngs: 0 });
  });

  it('Linen, whose model destructures into [module, variables]', () => {
    const [module, variables] = interop.toLinen(bst);
    expectTypeOf(module).toEqualTypeOf<linen.AnyModule>();
    expectTypeOf(variables).toEqualTypeOf<linen.Variables>();
    expectTypeOf(interop.fromLinen(module, variables, { sampleInput: [8, 8, 3] })).toEqualTypeOf<brainstate.Module>();
    // @ts-expect-error fromLinen takes the module and its variables as two arguments
    interop.fromLinen(linenPair);
  });

  it('Equinox, a module or a module with its State', () => {
    expectTypeOf(interop.toEquinox(bst)).toEqualTypeOf<equinox.Module | [module: equinox.Module, state: equinox.State]>();
    expectTypeOf(interop.fromEquinox(eqx)).toEqualTypeOf<brainstate.Module>();
    expectTypeOf(interop.fromEquinox).parameter(0).toEqualTypeOf<ModelOf<'equinox'>>();
  });

  it('BrainState is what every toX takes and every fromX gives', () => {
    expectTypeOf(interop.toNnx).parameter(0).toEqualTypeOf<brainstate.Module>();
    expectTypeOf(interop.toLinen).parameter(0).toEqualTypeOf<brainstate.Module>();
    expectTypeOf(interop.toEquinox).parameter(0).toEqualTypeOf<brainstate.Module>();
  });
});

describe('convert', () => {
  it('returns the target framework model, for every pair of frameworks', () => {
    expectTypeOf(interop.convert(bst, { from: 'brainstate', to: 'nnx' })).toEqualTypeOf<ModelOf<'nnx'>>();
    expectTypeOf(interop.convert(bst, { from: 'brainstate', to: 'linen' })).toEqualTypeOf<ModelOf<'linen'>>();
    expectTypeOf(interop.convert(bst, { from: 'brainstate', to: 'equinox' })).toEqualTypeOf<ModelOf<'equinox'>>();
    expectTypeOf(interop.convert(nnxModel, { from: 'nnx', to: 'brainstate' })).toEqualTypeOf<brainstate.Module>();
    expectTypeOf(interop.convert(nnxModel, { from: 'nnx', to: 'linen' })).toEqualTypeOf<ModelOf<'linen'>>();
    expectTypeOf(interop.convert(nnxModel, { from: 'nnx', to: 'equinox' })).toEqualTypeOf<ModelOf<'equinox'>>();
    expectTypeOf(interop.convert(linenPair, { from: 'linen', to: 'brainstate' })).toEqualTypeOf<brainstate.Module>();
    expectTypeOf(interop.convert(linenPair, { from: 'linen', to: 'nnx' })).toEqualTypeOf<nnx.AnyModule>();
    expectTypeOf(interop.convert(linenPair, { from: 'linen', to: 'equinox' })).toEqualTypeOf<ModelOf<'equinox'>>();
    expectTypeOf(interop.convert(eqx, { from: 'equinox', to: 'brainstate' })).toEqualTypeOf<brainstate.Module>();
    expectTypeOf(interop.convert(eqx, { from: 'equinox', to: 'nnx' })).toEqualTypeOf<nnx.AnyModule>();
    expectTypeOf(interop.convert(eqx, { from: 'equinox', to: 'linen' })).toEqualTypeOf<ModelOf<'linen'>>();
    const [module] = interop.convert(nnxModel, { from: 'nnx', to: 'linen' });
    expectTypeOf(module).toEqualTypeOf<linen.AnyModule>();
  });

  it('without from, takes any model and still types the result', () => {
    expectTypeOf(interop.convert(nnxModel as unknown, { to: 'linen' })).toEqualTypeOf<ModelOf<'linen'>>();
  });

  it('refuses names that are not frameworks, and a model of another framework than from', () => {
    // @ts-expect-error 'eqx' is not a framework name (equinox is)
    interop.convert(bst, { from: 'brainstate', to: 'eqx' });
    // @ts-expect-error 'eqx' is not a framework name, with or without from
    interop.convert(bst, { to: 'eqx' });
    // @ts-expect-error a Linen pair is not an NNX model
    interop.convert(linenPair, { from: 'nnx', to: 'equinox' });
  });

  it('takes the options of building the target', () => {
    interop.convert(bst, { from: 'brainstate', to: 'equinox', key: [0, 0] });
    // @ts-expect-error rngs is an nnx.Rngs
    interop.convert(bst, { from: 'brainstate', to: 'nnx', rngs: 'zero' });
  });
});

describe('a third-party framework added by augmentation', () => {
  it('is a framework name, with its model type and options', () => {
    expectTypeOf<'toy'>().toExtend<FrameworkName>();
    expectTypeOf(interop.convert(linenPair, { from: 'linen', to: 'toy', toySeed: 1 })).toEqualTypeOf<ToyModel>();
    expectTypeOf(interop.convert(toy, { from: 'toy', to: 'nnx' })).toEqualTypeOf<nnx.AnyModule>();
    // @ts-expect-error toySeed is a number
    interop.convert(linenPair, { from: 'linen', to: 'toy', toySeed: 'one' });
  });
});

describe('interop.load and interop.save', () => {
  it('load gives the framework model with its spec and assumed lines', async () => {
    const loaded = await interop.load('model.msgpack', { framework: 'linen' });
    expectTypeOf(loaded).toEqualTypeOf<LoadedFile<'linen'>>();
    const [module, variables] = loaded.model;
    expectTypeOf(module).toEqualTypeOf<linen.AnyModule>();
    expectTypeOf(variables).toEqualTypeOf<linen.Variables>();
    expectTypeOf(loaded.assumed).toEqualTypeOf<string[]>();
    expectTypeOf((await interop.load(new Uint8Array(), { framework: 'equinox', spec: {} })).model).toEqualTypeOf<ModelOf<'equinox'>>();
    expectTypeOf((await interop.load(new Blob([]), { framework: 'toy' })).model).toEqualTypeOf<ToyModel>();
    // @ts-expect-error 'eqx' is not a framework name
    await interop.load('model.eqx', { framework: 'eqx' });
  });

  it('save takes a model of the named framework', async () => {
    expectTypeOf(await interop.save(linenPair, 'model.msgpack', { framework: 'linen' })).toEqualTypeOf<SavedFile>();
    expectTypeOf((await interop.save(eqx, null, { framework: 'equinox' })).bytes).toEqualTypeOf<Uint8Array>();
    // @ts-expect-error an NNX model saved as Linen
    await interop.save(nnxModel, 'model.msgpack', { framework: 'linen' });
  });
});

describe('jax.vmap', () => {
  it('takes the per-example arguments, with inAxes per argument, and stacks the result type', () => {
    const cell = (x: Tensor, h: Tensor, scale: number): [Tensor, Tensor] => [x, h];
    const batched = jax.vmap(cell, { inAxes: [0, 0, null] });
    expectTypeOf(batched).parameters.toEqualTypeOf<[x: Tensor, h: Tensor, scale: number]>();
    expectTypeOf(batched).returns.toEqualTypeOf<[Tensor, Tensor]>();
    expectTypeOf(jax.vmap({ call: (x: Tensor) => x })).returns.toEqualTypeOf<Tensor>();
    // @ts-expect-error one entry per argument
    jax.vmap(cell, { inAxes: [0, 0] });
  });
});
