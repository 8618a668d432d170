// Our version of the anchor's registry checks (§6.2), plus what an instance registry adds:
// plugin values, duplicate detection, freezing and per-framework listings.
import { describe, expect, it } from 'vitest';
import { ADense, AGru, ASequential, aDense, toyA } from '../__fixtures__/toy-a.js';
import { BLinear, toyB } from '../__fixtures__/toy-b.js';
import { filled } from '../__fixtures__/tensors.js';
import { definePlugin, defineMapping } from './define.js';
import { createRegistry } from './registry.js';
import { compareCodePoints } from './sort.js';
import type { LayerType } from './types.js';

const extra = (layer: string, type: LayerType = ADense, framework = 'toy-a') =>
  defineMapping({ ...aDense, meta: { ...aDense.meta, framework, layer }, layerType: type });

describe('lookups', () => {
  it('returns the very mapping registered, by layer type and by IR kind', () => {
    const r = createRegistry().use(toyA);
    expect(r.mappingFor('toy-a', ADense)).toBe(aDense);
    expect(r.mappingsForKind('toy-a', 'linear')).toEqual([aDense]);
  });

  it('finds the mapping of a base class for a subclass, however deep', () => {
    class Sub extends ADense {}
    class SubSub extends Sub {}
    const r = createRegistry().use(toyA);
    expect(r.mappingFor('toy-a', Sub)).toBe(aDense);
    expect(r.mappingFor('toy-a', SubSub)).toBe(aDense);
  });

  it('builds a subclass-typed model back through the kind, whichever class was read', () => {
    // The anchor's export lookup also walked the class chain; here export is keyed by IR kind,
    // so the equivalent check is that a subclass instance goes out and back.
    class Sub extends ADense {}
    const r = createRegistry().use(toyA);
    expect(r.fromIR(r.toIR(new Sub(filled([2, 3])), 'toy-a'), 'toy-a')).toBeInstanceOf(ADense);
  });

  it('answers undefined when nothing is registered', () => {
    const r = createRegistry();
    expect(r.mappingFor('toy-a', ADense)).toBeUndefined();
    expect(r.mappingsForKind('toy-a', 'linear')).toEqual([]);
    expect(r.refusalFor('toy-a', ADense)).toBeUndefined();
    expect(r.kindRefusalFor('gru-cell')).toBeUndefined();
  });

  it('returns a layer refusal for the type and its subclasses only', () => {
    class SubGru extends AGru {}
    const r = createRegistry().use(toyA);
    expect(r.refusalFor('toy-a', AGru)).toMatch(/gated cell/);
    expect(r.refusalFor('toy-a', SubGru)).toMatch(/gated cell/);
    expect(r.refusalFor('toy-a', ADense)).toBeUndefined();
  });

  it('ranks kind refusals: framework-specific only when asked with that framework, and it wins over any-framework', () => {
    const base = { version: '1', framework: 'toy-c' };
    const specific = definePlugin({ meta: { ...base, name: 'c1' }, mappings: {}, refusals: [{ ir: 'gru-cell-cho', reason: 'specific' }] });
    const agnostic = definePlugin({
      meta: { ...base, name: 'c2' },
      mappings: {},
      refusals: [{ ir: 'gru-cell-cho', reason: 'agnostic', anyFramework: true }],
    });
    const onlySpecific = createRegistry().use(specific);
    expect(onlySpecific.kindRefusalFor('gru-cell-cho', 'toy-c')).toBe('specific');
    expect(onlySpecific.kindRefusalFor('gru-cell-cho')).toBeUndefined();
    const onlyAgnostic = createRegistry().use(agnostic);
    expect(onlyAgnostic.kindRefusalFor('gru-cell-cho')).toBe('agnostic');
    expect(onlyAgnostic.kindRefusalFor('gru-cell-cho', 'toy-zzz')).toBe('agnostic');
    const both = createRegistry().use(agnostic).use(specific);
    expect(both.kindRefusalFor('gru-cell-cho', 'toy-c')).toBe('specific');
    expect(both.kindRefusalFor('gru-cell-cho', 'toy-b')).toBe('agnostic');
  });

  it('replaces a mapping in both directions with { override: true }', () => {
    const replacement = extra('ADense2');
    const r = createRegistry().use(toyA).registerLayerMapping(replacement, { override: true });
    expect(r.mappingFor('toy-a', ADense)).toBe(replacement);
    expect(r.mappingsForKind('toy-a', 'linear')).toEqual([replacement]);
  });
});

describe('registration', () => {
  it('refuses a second claim on a layer type, naming both plugins', () => {
    const rival = definePlugin({
      meta: { name: 'rival-plugin', version: '0.1.0', framework: 'toy-a' },
      mappings: { Dense2: extra('Dense2') },
    });
    const r = createRegistry().use(toyA);
    expect(() => r.use(rival)).toThrowErrorMatchingInlineSnapshot(
      `[InteropError: Layer type \`ADense\` of framework "toy-a" is claimed twice: by plugin "toy-a-plugin" (mapping ADense) and by plugin "rival-plugin" (mapping Dense2) (plugin "rival-plugin"). Remove one of the two, or pass { override: true } to replace the first. See docs/errors.md#e_duplicate_mapping]`,
    );
    // A refused plugin leaves nothing behind.
    expect(r.mappingFor('toy-a', ADense)).toBe(aDense);
    expect(() => r.registerLayerMapping(extra('Dense3'))).toThrow(/"\(registerLayerMapping\)"/);
    expect(createRegistry().use(toyA).use(rival, { override: true }).mappingFor('toy-a', ADense)?.meta.layer).toBe('Dense2');
  });

  it('ignores null, false and undefined so use(flag && plugin) works', () => {
    const flag = false as boolean;
    const r = createRegistry()
      .use(null)
      .use(undefined)
      .use(flag && toyB)
      .use(toyA);
    expect(r.frameworks()).toEqual(['toy-a']);
  });

  it('refuses the same plugin twice and a second adapter for one framework', () => {
    expect(() => createRegistry().use(toyA).use(toyA)).toThrow(/already in this registry/);
    expect(() =>
      createRegistry()
        .use(toyA)
        .use({ ...toyA, meta: { ...toyA.meta, name: 'other' }, mappings: {} }),
    ).toThrow(/already has an adapter, from plugin "toy-a-plugin"/);
  });

  it('freezes on the first listing or conversion, and then says how to start over', () => {
    const listed = createRegistry().use(toyA);
    expect(listed.frozen).toBe(false);
    listed.supportedLayers();
    expect(listed.frozen).toBe(true);
    expect(() => listed.use(toyB)).toThrowErrorMatchingInlineSnapshot(
      `[InteropError: Cannot add plugin "toy-b-plugin": the registry is frozen because it has already converted or listed layers (plugin "toy-b-plugin"). Create a new registry with createRegistry() and add every plugin and mapping before the first conversion. See docs/errors.md#e_registry_frozen]`,
    );
    const converted = createRegistry().use(toyA);
    converted.toIR(new ADense(filled([1, 1])), 'toy-a');
    expect(() => converted.registerLayerMapping(extra('Late', class Late {}))).toThrow(/frozen/);
  });

  it('checks plugins and mappings, listing every problem with its place', () => {
    expect(() =>
      definePlugin({
        meta: { name: 'bad', version: '', framework: 'toy-a' },
        mappings: { Wrong: aDense, Other: extra('Other', ADense, 'toy-b') },
        refusals: [{ ir: 'x', reason: '' }],
      }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InteropError: Plugin "bad" is malformed: meta.version: expected a non-empty string; mappings.Wrong.meta.layer: expected "Wrong", found "ADense"; mappings.Other.layerType: same layer type as mappings.Wrong; mappings.Other.meta.framework: expected "toy-a", found "toy-b"; refusals.0.reason: expected a non-empty string (plugin "bad"). Build it with definePlugin() / defineMapping() and fill in the listed fields. See docs/errors.md#e_invalid_plugin]`,
    );
    expect(() => defineMapping({ ...aDense, meta: { ...aDense.meta, status: 'beta' as 'stable' } })).toThrow(/meta.status/);
  });
});

describe('listings', () => {
  it('lists registered layer names per framework, sorted as Python sorts strings', () => {
    const r = createRegistry()
      .use(toyA)
      .use(toyB)
      .registerLayerMapping(extra('LSTMCell', class LSTMCell {}))
      .registerLayerMapping(extra('Linear', class Linear {}));
    expect(r.supportedLayers()).toEqual({
      'toy-a': ['ADense', 'ANorm', 'AConv', 'LSTMCell', 'Linear'].sort(compareCodePoints),
      'toy-b': ['BConv1d', 'BConv2d', 'BLayerNorm', 'BLinear'],
    });
    expect(r.supportedLayers()['toy-a']).toEqual(['AConv', 'ADense', 'ANorm', 'LSTMCell', 'Linear']);
    expect(Object.keys(r.supportedLayers())).toEqual(['toy-a', 'toy-b']);
  });

  it('leaves out mappings marked listed: false, which still convert', () => {
    class AFunction {}
    const fnMapping = defineMapping({
      meta: { framework: 'toy-a', layer: 'a function', ir: 'linear', status: 'stable', description: 'not a layer class', listed: false },
      layerType: AFunction,
      toIR: () => aDense.toIR(new ADense(filled([2, 3]), filled([3])), {} as never),
      fromIR: () => new AFunction(),
    });
    const r = createRegistry().use(toyA).use(toyB).registerLayerMapping(fnMapping);
    expect(r.supportedLayers('toy-a')['toy-a']).not.toContain('a function');
    expect(r.convertibleLayers('toy-a', 'toy-b')).not.toContain('a function');
    expect(r.convert(new AFunction(), { from: 'toy-a', to: 'toy-b' })).toBeInstanceOf(BLinear);
  });

  it('answers about one framework without needing the others', () => {
    expect(createRegistry().use(toyB).supportedLayers('toy-b')).toEqual({ 'toy-b': ['BConv1d', 'BConv2d', 'BLayerNorm', 'BLinear'] });
    expect(() => createRegistry().use(toyB).supportedLayers('toy-a')).toThrow(/No plugin is registered for framework "toy-a"/);
  });

  it('tells which layers of one framework another can build', () => {
    const r = createRegistry().use(toyA).use(toyB);
    expect(r.convertibleLayers('toy-a', 'toy-b')).toEqual(['AConv', 'ADense', 'ANorm']);
    expect(r.convertibleLayers('toy-b', 'toy-a')).toEqual(['BConv1d', 'BConv2d', 'BLayerNorm', 'BLinear']);
  });

  it('compares by code point, not UTF-16 unit', () => {
    expect(['\u{FF5E}', '\u{1F600}', 'a', 'B'].sort(compareCodePoints)).toEqual(['B', 'a', '\u{FF5E}', '\u{1F600}']);
    expect(['\u{FF5E}', '\u{1F600}'].sort()).toEqual(['\u{1F600}', '\u{FF5E}']);
  });
});

describe('frameworkOf', () => {
  it('names the framework whose adapter reads the model as a stack, a mapped or a refused layer', () => {
    const registry = createRegistry().use(toyA).use(toyB);
    const kernel = filled([2, 3]);
    expect(registry.frameworkOf(new ADense(kernel))).toBe('toy-a');
    expect(registry.frameworkOf(new ASequential(new ADense(kernel)))).toBe('toy-a');
    expect(registry.frameworkOf(new AGru())).toBe('toy-a');
    expect(registry.frameworkOf(new BLinear(kernel, filled([3])))).toBe('toy-b');
  });

  it("trusts an adapter's owns() over its mappings", () => {
    const adapter = { ...toyA.adapter!, owns: (m: unknown) => m instanceof Map };
    const registry = createRegistry().use(definePlugin({ ...toyA, adapter }));
    expect(registry.frameworkOf(new Map())).toBe('toy-a');
    expect(() => registry.frameworkOf(new ADense(filled([2, 3])))).toThrow(/Cannot tell which framework/);
  });

  it('is an E_INVALID_ARGUMENT naming what it got when nothing claims the model', () => {
    const registry = createRegistry().use(toyA).use(toyB);
    expect(() => registry.frameworkOf(new Set())).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
    expect(() => registry.frameworkOf(42)).toThrow(/Cannot tell which framework this model is from.*found 42/s);
  });
});
