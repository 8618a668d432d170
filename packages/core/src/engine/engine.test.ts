import { describe, expect, it } from 'vitest';
import { ADense, aDense, AGru, ANorm, ASequential, AModule, toyA } from '../__fixtures__/toy-a.js';
import { BLayerNorm, BLinear, BStack, toyB } from '../__fixtures__/toy-b.js';
import { catchError } from '../__fixtures__/catch-error.js';
import { filled } from '../__fixtures__/tensors.js';
import { InteropError } from '../errors/interop-error.js';
import { UnmappedLayerError, UnsupportedStructureError } from '../errors/named-errors.js';
import type { ConvIR, LayerIR, SequentialIR } from '../ir/kinds.js';
import { defineMapping } from '../registry/define.js';
import { createRegistry } from '../registry/registry.js';

const registry = () => createRegistry().use(toyA).use(toyB);

describe('converting a stack between two frameworks', () => {
  const model = new ASequential(
    new ADense(filled([3, 6]), filled([6], 'float32', 2)),
    new ANorm(filled([6]), filled([6])),
    new ADense(filled([6, 2]), filled([2])),
  );

  it('reads toy-a into IR with paths, origins and threaded shapes', () => {
    const ir = registry().toIR(model, 'toy-a', { sampleInput: [3] }) as SequentialIR;
    expect(ir.kind).toBe('sequential');
    expect(ir.layers.map((l) => l.kind)).toEqual(['linear', 'layer-norm', 'linear']);
    expect(ir.layers.map((l) => l.origin?.path)).toEqual(['layers/0', 'layers/1', 'layers/2']);
    expect(ir.layers.map((l) => l.inputShape)).toEqual([[3], [6], [6]]);
    expect(ir.inputShape).toEqual([3]);
  });

  it('builds toy-b from that IR, re-laying weights, and comes back to identical tensors', () => {
    const r = registry();
    const b = r.convert(model, { from: 'toy-a', to: 'toy-b' }) as BStack;
    expect(b).toBeInstanceOf(BStack);
    expect(b.items.map((i) => i.constructor.name)).toEqual(['BLinear', 'BLayerNorm', 'BLinear']);
    const first = b.items[0] as BLinear;
    expect(first.weight.shape).toEqual([6, 3]);
    const back = r.fromIR(r.toIR(b, 'toy-b'), 'toy-a') as ASequential;
    const layers = back.layers as [ADense, ANorm, ADense];
    expect(layers[0].kernel.equals(filled([3, 6]))).toBe(true);
    expect(layers[1].scale.equals(filled([6]))).toBe(true);
    expect(layers[2].bias!.equals(filled([2]))).toBe(true);
  });

  it('converts a subclass of a registered layer with the base mapping, both ways', () => {
    class FancyDense extends ADense {}
    const r = registry();
    const ir = r.toIR(new FancyDense(filled([2, 2]), filled([2])), 'toy-a');
    expect(ir.kind).toBe('linear');
    expect(r.fromIR(ir, 'toy-b')).toBeInstanceOf(BLinear);
  });
});

describe('resolution order and error paths', () => {
  it('refuses an empty Sequential both ways', () => {
    expect(() => registry().toIR(new ASequential(), 'toy-a')).toThrowErrorMatchingInlineSnapshot(
      `[UnsupportedStructureError: Cannot convert an empty Sequential (plugin "toy-a-plugin"). Add at least one layer, or leave the empty stack out of the model. See docs/errors.md#e_unsupported_structure]`,
    );
    const empty: SequentialIR = { kind: 'sequential', params: {}, tensors: {}, layers: [] };
    expect(() => registry().fromIR(empty, 'toy-b')).toThrow(UnsupportedStructureError);
  });

  class Block extends AModule {
    constructor(public inner: unknown) {
      super();
    }
  }

  it.each([
    ['as an attribute', new ADense(filled([2, 2]))],
    ['only in a list', [new ADense(filled([2, 2])), new ADense(filled([2, 2]))]],
    ['only in a dict', { head: new ADense(filled([2, 2])) }],
  ])('refuses a custom container holding a layer %s', (_how, inner) => {
    const error = catchError(() => registry().toIR(new Block(inner), 'toy-a'));
    expect(error).toBeInstanceOf(UnsupportedStructureError);
    expect(error.details.layer).toBe('Block');
  });

  it('names the layer type and its path for an unmapped leaf inside a stack', () => {
    class Scale extends AModule {
      factor = 2;
    }
    const error = catchError(() => registry().toIR(new ASequential(new ADense(filled([2, 2])), new Scale()), 'toy-a'));
    expect(error).toBeInstanceOf(UnmappedLayerError);
    expect(error.path).toBe('layers/1');
    expect(error.message).toMatchInlineSnapshot(
      `"No mapping is registered for the toy-a layer type \`Scale\` (plugin "toy-a-plugin", at layers/1). Register one with registry.registerLayerMapping(defineMapping({ ... })), or remove the layer from the model before converting. See docs/errors.md#e_unmapped_layer"`,
    );
  });

  it('suggests registered names close to an unmapped one', () => {
    class ADence extends AModule {}
    expect(() => registry().toIR(new ADence(), 'toy-a')).toThrow('Did you mean `ADense`? Register one with');
  });

  it('names a plain function in a stack as unmapped, as the anchor does for activations', () => {
    const relu = (x: number) => Math.max(0, x);
    const error = catchError(() => registry().toIR(new ASequential(new ADense(filled([2, 2])), relu), 'toy-a'));
    expect([error.code, error.path, error.details.layer]).toEqual(['E_UNMAPPED_LAYER', 'layers/1', 'function relu']);
  });

  it('prefers a registered mapping over recursion, even for a layer holding sub-layers', () => {
    class Pair extends AModule {
      constructor(public a: ADense) {
        super();
      }
    }
    const pair = defineMapping({
      meta: { ...aDense.meta, layer: 'Pair' },
      layerType: Pair,
      toIR: (p: Pair, ctx) => aDense.toIR(p.a, ctx),
      fromIR: (ir, ctx) => new Pair(aDense.fromIR(ir, ctx)),
    });
    const r = registry().registerLayerMapping(pair);
    expect(r.toIR(new Pair(new ADense(filled([2, 3]))), 'toy-a').kind).toBe('linear');
  });

  it('refuses a layer type with its reason, unless a mapping is registered for it', () => {
    expect(() => registry().toIR(new ASequential(new AGru()), 'toy-a')).toThrowErrorMatchingInlineSnapshot(
      `[UnsupportedLayerError: AGru is a gated cell no other toy framework can express exactly (plugin "toy-a-plugin", at layers/0). See docs/errors.md#e_unsupported_layer]`,
    );
    const r = registry().registerLayerMapping({
      ...toyA.mappings.ADense,
      meta: { ...toyA.mappings.ADense.meta, layer: 'AGru' },
      layerType: AGru,
      toIR: () => ({ kind: 'dropout', params: { rate: 0 }, tensors: {} }) as never,
    });
    expect(r.toIR(new AGru(), 'toy-a').kind).toBe('dropout');
  });

  it('refuses to build a refused kind, naming the reason and the path', () => {
    const gru: LayerIR = { kind: 'gru-cell-cho', params: { inputSize: 2, hiddenSize: 2 }, tensors: {} };
    const seq: SequentialIR = { kind: 'sequential', params: {}, tensors: {}, layers: [gru] };
    const error = catchError(() => registry().fromIR(seq, 'toy-b'));
    expect([error.code, error.path, error.summary]).toEqual([
      'E_UNSUPPORTED_LAYER',
      'layers/0',
      'toy-b cells apply the reset gate after the hidden matmul',
    ]);
    expect(catchError(() => registry().fromIR(gru, 'toy-a')).code).toBe('E_UNMAPPED_LAYER');
  });

  it('lets a mapping refuse one IR instance with ConversionError, located at its path', () => {
    const ir = registry().toIR(new ASequential(new ANorm(filled([2]), filled([2])), new ADense(filled([2, 2]))), 'toy-a');
    const error = catchError(() => registry().fromIR(ir, 'toy-b'));
    expect([error.code, error.path, error.details.plugin, error.details.layer]).toEqual([
      'E_CONVERSION',
      'layers/1',
      'toy-b-plugin',
      'BLinear',
    ]);
  });

  it('picks among mappings sharing a kind with accepts(), and says so when none accepts', () => {
    const conv = (nd: number): ConvIR => ({
      kind: 'conv',
      params: {
        inFeatures: 1,
        outFeatures: 1,
        kernelSize: new Array(nd).fill(1),
        strides: new Array(nd).fill(1),
        padding: 'VALID',
        paddingMode: 'zeros',
        inputDilation: new Array(nd).fill(1),
        kernelDilation: new Array(nd).fill(1),
        featureGroups: 1,
      },
      tensors: { kernel: filled([...new Array(nd).fill(1), 1, 1]) },
    });
    expect(registry().fromIR(conv(1), 'toy-b')!.constructor.name).toBe('BConv1d');
    expect(registry().fromIR(conv(2), 'toy-b')!.constructor.name).toBe('BConv2d');
    expect(() => registry().fromIR(conv(3), 'toy-b')).toThrowErrorMatchingInlineSnapshot(
      `[ConversionError: No toy-b mapping accepts this \`conv\` IR (plugin "toy-b-plugin"). Expected an IR that one of BConv1d, BConv2d accepts. Check the layer hyperparameters (e.g. the number of spatial dimensions) against the target framework. See docs/errors.md#e_conversion]`,
    );
  });

  it("wraps a plugin's own TypeError with the plugin, the layer and the cause", () => {
    const broken = {
      ...toyB.mappings.BLayerNorm,
      toIR: (m: BLayerNorm) => (m as unknown as { missing: { x: number } }).missing.x as never,
    };
    const r = createRegistry().use({
      ...toyB,
      meta: { ...toyB.meta, name: 'broken-b' },
      mappings: { ...toyB.mappings, BLayerNorm: broken },
    });
    const error = catchError(() =>
      r.toIR(new BStack([new BLinear(filled([2, 2]), filled([2])), new BLayerNorm(filled([2]), filled([2]))]), 'toy-b'),
    );
    expect(error.code).toBe('E_CONVERSION');
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(error.details).toMatchObject({ plugin: 'broken-b', layer: 'BLayerNorm', path: 'items/1', framework: 'toy-b' });
    expect(error.message).toMatch(
      /^Plugin "broken-b" failed while converting to IR `BLayerNorm`: TypeError: Cannot read properties of undefined/,
    );
  });

  it('asks for the plugin of a framework that is not registered', () => {
    expect(() => registry().toIR(new ADense(filled([1, 1])), 'nnx')).toThrowErrorMatchingInlineSnapshot(
      `[MissingPluginError: No plugin is registered for framework "nnx". Expected one of toy-a, toy-b. Add its plugin with registry.use(plugin) before converting (e.g. createRegistry().use(nnx)). See docs/errors.md#e_missing_plugin]`,
    );
  });
});
