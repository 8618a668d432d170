import type { LayerMapping } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { mappings } from '../mappings/index.js';
import type { Module } from '../module.js';
import { specs } from './index.js';

// Adding a layer touches its module, its mapping (mappings/index.ts), its spec entry (specs/index.ts),
// their tests and its README row: readme.test.ts ties the README to the mappings, this file the
// mappings to the spec table.

const byKey = mappings as Record<string, LayerMapping>;
const extendsOrIs = (cls: unknown, base: unknown) =>
  cls === base || (cls as { prototype: unknown }).prototype instanceof (base as new () => unknown);

describe('the spec table and the mapping index list the same layers', () => {
  it.each(Object.entries(specs))("%s: keyed by the class's Python name, converted by the mapping it names", (type, entry) => {
    expect((entry.layerType.prototype as Module).type).toBe(type);
    const mapping = byKey[entry.mapping];
    expect(mapping, `specs.${type}.mapping '${entry.mapping}' is not a key of mappings/index.ts`).toBeDefined();
    expect(extendsOrIs(entry.layerType, mapping!.layerType), `${type} is not a ${entry.mapping}`).toBe(true);
  });

  it.each(Object.entries(byKey))('%s: has a spec entry', (name, mapping) => {
    const named = Object.values(specs).filter((e) => e.mapping === name);
    if (mapping.meta.listed === false && named.length === 0) {
      // A mapping that only builds (from an IR op) registers under a subclass key: the entry of
      // the class it builds writes its modules.
      expect(Object.values(specs).some((e) => extendsOrIs(mapping.layerType, e.layerType))).toBe(true);
    } else {
      expect(named.length, `add an entry with mapping '${name}' to specs/index.ts`).toBeGreaterThan(0);
    }
  });
});
