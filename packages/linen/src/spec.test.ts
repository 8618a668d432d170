import { readFileSync, readdirSync } from 'node:fs';
import { layerListProblems } from '@interop/flax';
import { listFixtures, loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { mappings, specs as table } from './mappings/index.js';
import { moduleFromSpec } from './spec.js';
import { moduleToSpec } from './to-spec.js';
import type { ModuleSpec } from './spec.js';

const specs = listFixtures('layers_linen').map((name) => [name, loadFixture('layers_linen', name).manifest.spec as ModuleSpec] as const);

describe('architecture spec JSON', () => {
  it.each(specs)('%s: the golden spec builds, and its written spec builds the same module', (_, spec) => {
    const module = moduleFromSpec(spec);
    const written = moduleToSpec(module);
    expect(moduleFromSpec(written)).toEqual(module);
    expect(moduleToSpec(moduleFromSpec(written))).toEqual(written);
  });

  it('refuses unknown types and arguments with E_INVALID_SPEC', () => {
    expect(() => moduleFromSpec({ type: 'Densee', features: 3 })).toThrow(expect.objectContaining({ code: 'E_INVALID_SPEC' }));
    expect(() => moduleFromSpec({ type: 'Dense', features: 3, kernel_init: 'zeros' })).toThrow(/kernel_init/);
    expect(() => moduleFromSpec({ type: 'Dense', features: '3' })).toThrow(expect.objectContaining({ code: 'E_INVALID_SPEC' }));
    expect(() => moduleFromSpec({ type: 'Dense', features: 3, param_dtype: 'int8' })).toThrow(
      expect.objectContaining({ code: 'E_INVALID_SPEC' }),
    );
  });

  it('lists every layer once: a mapping with its test, a spec entry and a README row with its IR kind each (the README rows in index order)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(layerListProblems({ mappings, specs: table, readme, files: readdirSync(new URL('./mappings/', import.meta.url)) })).toEqual([]);
  });
});
