// A plugin's own IR kind defined with defineKind: registered in the plugin's `kinds`, it lets
// shapes flow through the engine (with and without a known input), and the registry hands its
// definitions on (`registry.kinds()`) to irFromJSON, inferOutputShape and the runtime.
import { describe, expect, it } from 'vitest';
import { AConv, AModule, ANorm, ASequential, toyA } from '../__fixtures__/toy-a.js';
import { filled } from '../__fixtures__/tensors.js';
import { defineKind } from '../ir/define-kind.js';
import { irFromJSON, irToJSON } from '../ir/json.js';
import { definePlugin, defineMapping } from '../registry/define.js';
import { createRegistry } from '../registry/registry.js';
import type { Tensor } from '../tensor/tensor.js';

class AScale extends AModule {
  constructor(public factor: Tensor) {
    super();
  }
}

const scaleKind = defineKind({
  kind: 'scale',
  description: 'Multiplies by a per-channel factor',
  params: { channels: 'int' },
  tensors: { factor: 'required' },
  outputShape: (_ir, input) => [...input],
  outputShapeWithoutInput: (ir) => [ir.params.channels],
});

const aScale = defineMapping({
  meta: { framework: 'toy-a', layer: 'AScale', ir: 'scale', status: 'experimental', description: 'Multiplies by a per-channel factor' },
  layerType: AScale,
  toIR: (m: AScale) => ({ kind: 'scale', params: { channels: m.factor.shape[0]! }, tensors: { factor: m.factor } }),
  fromIR: (ir) => new AScale(ir.tensors.factor!),
});

const addon = () =>
  definePlugin({
    meta: { name: 'scale-addon', version: '1.0.0', framework: 'toy-a' },
    mappings: { AScale: aScale },
    kinds: { scale: scaleKind },
  });

describe('a kind defined with defineKind', () => {
  it('lets shapes flow through it with a known input', () => {
    AConv.seen = [];
    const model = new ASequential(new AScale(filled([3])), new AConv(filled([3, 3, 3, 2])));
    const ir = createRegistry()
      .use(toyA)
      .use(addon())
      .toIR(model, 'toy-a', { sampleInput: [8, 8, 3] });
    expect(AConv.seen).toEqual([[8, 8, 3]]);
    expect((ir as { layers: Array<{ inputShape?: number[] }> }).layers[1]!.inputShape).toEqual([8, 8, 3]);
  });

  it('fixes the shape without an input when its definition says how', () => {
    const model = new ASequential(new AScale(filled([4])), new ANorm(filled([4]), filled([4])));
    const ir = createRegistry().use(toyA).use(addon()).toIR(model, 'toy-a');
    expect((ir as { layers: Array<{ inputShape?: number[] }> }).layers[1]!.inputShape).toEqual([4]);
  });

  it('is listed by registry.kinds() once, even when two plugins register the same definition', () => {
    const other = definePlugin({
      meta: { name: 'other', version: '1.0.0', framework: 'toy-b' },
      mappings: {},
      kinds: { scale: scaleKind },
    });
    const r = createRegistry().use(toyA).use(addon()).use(other);
    expect(r.kinds()).toEqual({ scale: scaleKind });
    expect(r.frozen).toBe(true);
    const json = irToJSON(r.toIR(new AScale(filled([2])), 'toy-a'));
    expect(() => irFromJSON({ ...json, params: {} }, { kinds: r.kinds() })).toThrow(/params\/channels/);
  });

  it('refuses a second definition of a kind, or a plugin kind named like a built-in one', () => {
    const twin = definePlugin({
      meta: { name: 'twin', version: '1', framework: 'toy-b' },
      mappings: {},
      kinds: { scale: defineKind({ ...scaleKind, description: 'Another scale' }) },
    });
    expect(() => createRegistry().use(addon()).use(twin)).toThrowErrorMatchingInlineSnapshot(
      `[InteropError: IR kind "scale" is defined twice: by plugin "scale-addon" and by plugin "twin" (plugin "twin"). Export one defineKind value and register that same value in every plugin that uses the kind, or rename one kind. See docs/errors.md#e_invalid_plugin]`,
    );
    const linear = defineKind({ ...scaleKind, kind: 'linear' });
    expect(() => definePlugin({ meta: { name: 'x', version: '1', framework: 'toy-a' }, mappings: {}, kinds: { scale: linear } })).toThrow(
      /kinds.scale.kind: expected "scale", found "linear"/,
    );
    expect(() =>
      createRegistry().use(definePlugin({ meta: { name: 'x', version: '1', framework: 'toy-a' }, mappings: {}, kinds: { linear } })),
    ).toThrow(/defines IR kind "linear", which is built in/);
  });

  it('leaves a refused plugin without a trace', () => {
    const r = createRegistry().use(toyA);
    const bad = definePlugin({
      meta: { name: 'bad', version: '1', framework: 'toy-a' },
      mappings: { AScale: aScale },
      kinds: { linear: defineKind({ ...scaleKind, kind: 'linear' }) },
    });
    expect(() => r.use(bad)).toThrow(/built in/);
    expect(r.mappingFor('toy-a', AScale)).toBeUndefined();
    expect(r.kinds()).toEqual({});
  });
});
