import { Tensor } from '@interop/core';
import { listFixtures, loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { moduleFromSpec, modelWithStateFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { moduleToSpec } from './to-spec.js';
import { treeLeaves } from './tree.js';

const names = listFixtures('layers_equinox');
const layout = (tree: unknown) =>
  treeLeaves(tree).map(({ path, leaf }) => ({
    path,
    shape: leaf instanceof Tensor ? leaf.shape : [],
    dtype: leaf instanceof Tensor ? leaf.dtype : typeof leaf === 'number' ? 'float64' : 'bool',
  }));

describe('specs', () => {
  it.each(names)('%s: the model from the spec has exactly the leaves Equinox lists (paths, shapes, dtypes, order)', (name) => {
    const m = loadFixture('layers_equinox', name).manifest;
    const [model, state] = modelWithStateFromSpec(m.spec as ModuleSpec);
    expect(layout(state ? [model, state] : model)).toEqual(m.leaves);
  });

  it.each(names)('%s: moduleToSpec → moduleFromSpec builds the same architecture', (name) => {
    const spec = loadFixture('layers_equinox', name).manifest.spec as ModuleSpec;
    const model = moduleFromSpec(spec);
    const again = moduleFromSpec(moduleToSpec(model));
    expect(moduleToSpec(again)).toEqual(moduleToSpec(model));
    expect(layout(again)).toEqual(layout(model));
    for (const [k, v] of Object.entries(spec)) {
      if (!['kernel_size', 'padding', 'stride', 'dilation', 'layers'].includes(k))
        expect(moduleToSpec(model)[k] ?? defaults[k], `${name}.${k}`).toEqual(v);
    }
  });

  it('refuses unknown types and arguments with E_INVALID_SPEC', () => {
    expect(() => moduleFromSpec({ type: 'Dense', features: 3 })).toThrow(expect.objectContaining({ code: 'E_INVALID_SPEC' }));
    expect(() => moduleFromSpec({ type: 'Linear', in_features: 3, out_features: 2, features: 3 })).toThrow(
      expect.objectContaining({ code: 'E_INVALID_SPEC' }),
    );
    expect(() => moduleFromSpec({ type: 'Linear', in_features: 3 })).toThrow(/out_features/);
    expect(() => moduleFromSpec({ type: 'Conv2d', in_channels: 3, out_channels: 4, kernel_size: [3, 3, 3] })).toThrow(
      expect.objectContaining({ code: 'E_INVALID_SPEC' }),
    );
  });
});

// Arguments a fixture spec gives at their Equinox default (moduleToSpec leaves those out).
const defaults: Record<string, unknown> = {
  inference: false,
  mode: 'ema',
  use_bias: true,
  use_weight: true,
  channelwise_affine: true,
  eps: 1e-5,
};
