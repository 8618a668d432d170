import { describe, expect, it } from 'vitest';
import { ADense, ASequential, toyA } from '../__fixtures__/toy-a.js';
import { BLayerNorm, BLinear, BStack, toyB } from '../__fixtures__/toy-b.js';
import { catchError } from '../__fixtures__/catch-error.js';
import { filled } from '../__fixtures__/tensors.js';
import { LDense, lDense, toyLinen } from '../__fixtures__/toy-linen.js';
import { defineMapping } from '../registry/define.js';
import { createRegistry } from '../registry/registry.js';
import { expectFramework } from './expect-framework.js';

const stack = () => new BStack([new BLinear(filled([2, 2]), filled([2])), new BLayerNorm(filled([2]), filled([2]))]);
const withNorm = (toIR: (m: BLayerNorm) => never, name = 'my-plugin') =>
  createRegistry().use({
    ...toyB,
    meta: { ...toyB.meta, name },
    mappings: { ...toyB.mappings, BLayerNorm: { ...toyB.mappings.BLayerNorm, toIR } },
  });

describe("a mapping's result is checked and the mapping is named", () => {
  it.each([
    ['a non-object', () => 42, /returned number from toIR/],
    ['no kind', () => ({ params: {}, tensors: {} }), /returned an IR node whose kind is undefined from toIR/],
    ['no tensors', () => ({ kind: 'layer-norm', params: {} }), /whose tensors is undefined/],
    [
      'a typed array for a tensor',
      () => ({ kind: 'layer-norm', params: {}, tensors: { scale: new Float32Array(2) } }),
      /tensor `scale` as a Float32Array/,
    ],
  ])('toIR returning %s is E_INVALID_PLUGIN naming toy-b:BLayerNorm of my-plugin', (_, toIR, pattern) => {
    const error = catchError(() => withNorm(toIR as never).toIR(stack(), 'toy-b'));
    expect(error.code).toBe('E_INVALID_PLUGIN');
    expect(error.message).toMatch(/^Mapping toy-b:BLayerNorm \(plugin my-plugin\) returned/);
    expect(error.message).toMatch(pattern);
    expect(error.message).not.toMatch(/bug in the plugin/);
    expect(error.details).toMatchObject({ path: 'items/1', framework: 'toy-b', plugin: 'my-plugin' });
  });

  it('fromIR returning the bare layer where the adapter walks a node names the mapping, not the adapter', () => {
    const bare = defineMapping({ ...lDense, fromIR: (ir) => new LDense(ir.params.outFeatures) as never });
    const r = createRegistry()
      .use(toyA)
      .use({ ...toyLinen, meta: { ...toyLinen.meta, name: 'my-plugin' }, mappings: { ...toyLinen.mappings, LDense: bare } });
    const ir = r.toIR(new ASequential(new ADense(filled([3, 6]), filled([6]))), 'toy-a');
    const error = catchError(() => r.fromIR(ir, 'toy-linen'));
    expect(error.code).toBe('E_INVALID_PLUGIN');
    expect(error.message).toMatch(/^Mapping toy-linen:LDense \(plugin my-plugin\) returned a LDense from fromIR/);
    expect(error.message).toMatch(/docs\/authoring-plugins\.md lists each framework's node type/);
    expect(error.message).not.toMatch(/bug in the plugin/);
  });

  it("a user's mapping that throws is not called a bug in the plugin; a first-party one is", () => {
    const thrower = (m: BLayerNorm) => (m as unknown as { missing: { x: number } }).missing.x as never;
    const user = catchError(() => withNorm(thrower).toIR(stack(), 'toy-b'));
    expect(user.code).toBe('E_CONVERSION');
    expect(user.message).toMatch(/mapping toy-b:BLayerNorm of plugin "my-plugin"; check it against docs\/authoring-plugins\.md/);
    expect(user.message).not.toMatch(/bug in the plugin/);
    const ours = catchError(() => withNorm(thrower, '@interop/toy-b').toIR(stack(), 'toy-b'));
    expect(ours.message).toMatch(/This is a bug in the plugin/);
  });
});

describe('expectFramework', () => {
  const r = createRegistry().use(toyA).use(toyB);
  const expected = { call: 'toToyB', framework: 'toy-a', label: 'ToyA', to: 'toy-b' };

  it('lets a model of the expected framework, and one no framework claims, through', () => {
    expect(() => expectFramework(r, new ADense(filled([2, 2])), expected)).not.toThrow();
    expect(() => expectFramework(r, 42, expected)).not.toThrow();
  });

  it('refuses a model of another framework with E_INVALID_ARGUMENT naming the convert call that fits', () => {
    const error = catchError(() => expectFramework(r, new BLinear(filled([2, 2]), filled([2])), { ...expected, to: 'toy-c' }));
    expect(error.code).toBe('E_INVALID_ARGUMENT');
    expect(error.message).toMatch(/^toToyB takes a ToyA model, not a toy-b model/);
    expect(error.message).toContain("use interop.convert(model, { from: 'toy-b', to: 'toy-c' })");
  });
});
