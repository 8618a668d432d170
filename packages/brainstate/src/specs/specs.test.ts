import type { LayerMapping } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { mappings, refusals } from '../mappings/index.js';
import { Activation } from '../modules/activation.js';
import { specs } from './index.js';

// Adding a layer touches its module, its mapping (mappings/index.ts), its spec entry (specs/index.ts),
// their tests and its README row: readme.test.ts ties the README to the mappings, this file the
// mappings to the spec table.

const byKey = mappings as Record<string, LayerMapping>;
const extendsOrIs = (cls: unknown, base: unknown) =>
  cls === base || (cls as { prototype: unknown }).prototype instanceof (base as new () => unknown);
const refused = refusals.flatMap((r) => ('layerType' in r ? [r.layerType] : []));

describe('the spec table and the mapping index list the same layers', () => {
  it.each(Object.entries(specs))(
    '%s: keyed by its class (a jax.nn function by its name), converted by the mapping it names or refused',
    (type, entry) => {
      if (entry.layerType === Activation) expect(type).toMatch(/^[a-z_]+$/);
      else expect(entry.layerType.name).toBe(type);
      if (entry.mapping === null) {
        expect(refused, `${type} has no mapping: add it to mappings/index.ts, or refuse it in refusals`).toContain(entry.layerType);
        return;
      }
      const mapping = byKey[entry.mapping];
      expect(mapping, `specs.${type}.mapping '${entry.mapping}' is not a key of mappings/index.ts`).toBeDefined();
      expect(extendsOrIs(entry.layerType, mapping!.layerType), `${type} is not a ${entry.mapping}`).toBe(true);
    },
  );

  it.each(Object.keys(byKey))('%s: has a spec entry', (name) => {
    expect(
      Object.values(specs).some((e) => e.mapping === name),
      `add an entry with mapping '${name}' to specs/index.ts`,
    ).toBe(true);
  });

  it.each(refused.map((cls) => [cls.name, cls] as const))(
    '%s (refused): has a spec entry, so a file or spec naming it is read and then refused',
    (_, cls) => {
      expect(Object.values(specs).some((e) => e.layerType === cls && e.mapping === null)).toBe(true);
    },
  );
});
