import { readFileSync, readdirSync } from 'node:fs';
import { layerListProblems } from '@interop/flax';
import { listFixtures, loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { readState, writeState } from './files.js';
import { mappings, specs as table } from './mappings/index.js';
import { moduleFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { moduleToSpec } from './to-spec.js';

const golden = listFixtures('layers_nnx').map((name) => {
  const f = loadFixture('layers_nnx', name);
  return { name, spec: f.manifest.spec as ModuleSpec, bytes: f.file('checkpoint') };
});
const dumped = listFixtures('anchor').flatMap((name) => {
  const m = loadFixture('anchor', name).manifest as unknown as Record<string, { framework?: string; module?: ModuleSpec }>;
  return (['source', 'converted', 'roundtrip'] as const)
    .filter((s) => m[s]?.framework === 'nnx' && m[s]?.module)
    .map((s) => ({ name: `${name} ${s}`, spec: m[s]!.module! }));
});

describe('specs', () => {
  it.each(golden)('$name: spec → module → spec → module loads the Flax file and rewrites it byte-identical', ({ spec, bytes }) => {
    const again = moduleFromSpec(moduleToSpec(moduleFromSpec(spec)));
    expect(Buffer.from(writeState(readState(again, bytes))).equals(Buffer.from(bytes))).toBe(true);
    expect(moduleToSpec(again)).toEqual(moduleToSpec(moduleFromSpec(spec)));
  });

  it.each(dumped)('$name: the module attributes the anchor dumped are accepted', ({ spec }) => {
    expect(moduleToSpec(moduleFromSpec(spec)).type).toBe(spec.type);
  });

  it('moduleToSpec writes Python argument names and values', () => {
    const spec = moduleToSpec(
      moduleFromSpec({ type: 'Conv', in_features: 3, out_features: 4, kernel_size: [3, 3], padding: 'CIRCULAR', param_dtype: 'bfloat16' }),
    );
    expect(spec).toMatchObject({
      type: 'Conv',
      in_features: 3,
      out_features: 4,
      kernel_size: [3, 3],
      strides: [1, 1],
      padding: 'CIRCULAR',
      feature_group_count: 1,
      use_bias: true,
      param_dtype: 'bfloat16',
    });
    expect(moduleToSpec(moduleFromSpec({ type: 'gelu' }))).toEqual({ type: 'gelu', approximate: true });
  });

  it('refuses unknown types, unknown or non-default arguments and wrong value types with E_INVALID_SPEC', () => {
    for (const bad of [
      { type: 'Dense', features: 3 },
      { type: 'Linear', in_features: 3, out_features: 5, kernel_init: 'zeros' },
      { type: 'BatchNorm', num_features: 3, axis: 1 },
      { type: 'Linear', in_features: '3', out_features: 5 },
      { type: 'Linear', in_features: 3 },
      { type: 'GroupNorm', num_features: 6, num_groups: 4 },
      { type: 'Sequential' },
    ]) {
      expect(() => moduleFromSpec(bad as ModuleSpec), JSON.stringify(bad)).toThrow(expect.objectContaining({ code: 'E_INVALID_SPEC' }));
    }
  });

  it('lists every layer once: a mapping with its test, a spec entry and a README row with its IR kind each (the README rows in index order)', () => {
    const files = readdirSync(new URL('./mappings/', import.meta.url));
    expect(
      layerListProblems({ mappings, specs: table, files, readme: readFileSync(new URL('../README.md', import.meta.url), 'utf8') }),
    ).toEqual([]);
  });
});
