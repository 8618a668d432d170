// Messages name frameworks as their plugins' meta.title does, with the article read aloud.
import { describe, expect, it } from 'vitest';
import { ADense, toyA } from '../__fixtures__/toy-a.js';
import { BLinear, toyB } from '../__fixtures__/toy-b.js';
import { catchError } from '../__fixtures__/catch-error.js';
import { filled } from '../__fixtures__/tensors.js';
import { createRegistry } from '../registry/registry.js';
import { expectFramework } from './expect-framework.js';

const titled = () =>
  createRegistry()
    .use({ ...toyA, meta: { ...toyA.meta, title: 'ToyA' } })
    .use({ ...toyB, meta: { ...toyB.meta, title: 'XB' } });

describe('framework titles', () => {
  it('titleOf gives the plugin meta.title, or the framework id without one', () => {
    expect(titled().titleOf('toy-b')).toBe('XB');
    expect(createRegistry().use(toyB).titleOf('toy-b')).toBe('toy-b');
  });

  it('expectFramework names both frameworks by title with their articles', () => {
    const error = catchError(() =>
      expectFramework(titled(), new BLinear(filled([2, 2]), filled([2])), { call: 'toToyC', framework: 'toy-a', to: 'toy-c' }),
    );
    expect(error.message).toMatch(/^toToyC takes a ToyA model, not an XB model/);
    expect(error.message).toContain("To convert an XB model use interop.convert(model, { from: 'toy-b', to: 'toy-c' })");
    const already = catchError(() =>
      expectFramework(titled(), new ADense(filled([2, 2])), { call: 'fromToyB', framework: 'toy-b', to: 'toy-a' }),
    );
    expect(already.message).toMatch(/^fromToyB takes an XB model, not a ToyA model.*It is already a ToyA model/);
  });

  it('a plugin with an empty title is refused', () => {
    expect(() => createRegistry().use({ ...toyB, meta: { ...toyB.meta, title: '' } })).toThrow(/meta\.title/);
  });
});
