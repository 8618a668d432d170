import { listFixtures, loadFixture } from '@interop/testing';
import { allclose } from '@interop/runtime';
import { describe, expect, it } from 'vitest';
import { environ, inferArchitecture, moduleToSpec, msgpackSave } from './index.js';
import { golden } from './__fixtures__/golden.js';

// Files whose model has only the defaults inference assumes: it must compute the same output.
const DEFAULTS = new Set([
  'linear',
  'linear_bf16',
  'linear_f16',
  'linear_no_bias',
  'conv1d_same',
  'conv2d_same',
  'conv2d_bf16',
  'conv2d_unbatched',
  'conv3d_same',
  'layernorm',
  'layernorm_bf16',
  'layernorm_no_scale',
  'rmsnorm',
  'batchnorm0d',
  'batchnorm1d',
  'batchnorm1d_bf16',
  'batchnorm3d',
  'embedding',
  'sequential_notebook',
]);
// Cases whose file cannot name everything: stateless layers between stateful ones, no states at all.
const GAPS = new Set([
  'sequential_conv_bn',
  'sequential_mlp_dropout',
  'dropout_eval',
  'layernorm_no_affine',
  'groupnorm_no_affine',
  'rmsnorm_no_scale',
  'batchnorm0d_no_affine',
]);

describe('inferArchitecture from a braintools msgpack file', () => {
  it.each(listFixtures('layers_brainstate').filter((n) => !GAPS.has(n)))(
    "%s: the file loads into the inferred model (and, at defaults, computes BrainState's output)",
    (name) => {
      const fixture = loadFixture('layers_brainstate', name);
      const bytes = fixture.file('checkpoint');
      const input = fixture.arrays.input!;
      const inSize = (fixture.manifest.spec as { in_size?: unknown }).in_size;
      const inputShape = fixture.manifest.kind === 'cell' ? undefined : Array.isArray(inSize) ? (inSize as number[]) : input.shape.slice(1);
      const { module, assumed } = inferArchitecture(bytes, { inputShape });
      expect(Array.isArray(assumed)).toBe(true);
      expect(Buffer.from(msgpackSave(module)).equals(Buffer.from(bytes))).toBe(true);
      if (fixture.manifest.kind === 'cell') return; // cell types and sizes: checked below
      if (!DEFAULTS.has(name)) return expect(assumed.length).toBeGreaterThan(0);
      const { module: want } = golden(name);
      environ.context({ fit: false }, () => {
        const y = module.call(input);
        expect(allclose(y, fixture.arrays.output!, fixture.manifest.tolerance!)).toBe(true);
        expect(y.dtype).toBe(want.call(input).dtype);
      });
    },
  );

  it.each(['lstmcell', 'grucell', 'mgucell', 'urlstmcell', 'valinarnncell'])('%s: the cell type and sizes from the state names', (name) => {
    const fixture = loadFixture('layers_brainstate', name);
    const { module } = inferArchitecture(fixture.file('checkpoint'));
    expect(moduleToSpec(module)).toEqual(fixture.manifest.spec);
  });

  it('says what it assumed, and refuses what a file cannot name', () => {
    const conv = inferArchitecture(loadFixture('layers_brainstate', 'conv2d_same').file('checkpoint'), { inputShape: [6, 6, 3] });
    expect(conv.assumed.join('\n')).toMatch(/padding 'SAME'/);
    expect(() => inferArchitecture(loadFixture('layers_brainstate', 'conv2d_same').file('checkpoint'))).toThrow(
      expect.objectContaining({ code: 'E_MISSING_ARCH' }),
    );
    expect(() => inferArchitecture(loadFixture('layers_brainstate', 'sequential_mlp_dropout').file('checkpoint'))).toThrow(
      expect.objectContaining({ code: 'E_MISSING_ARCH', message: expect.stringContaining('layer 1 holds no states') }),
    );
    expect(() => inferArchitecture(loadFixture('layers_brainstate', 'dropout_eval').file('checkpoint'))).toThrow(
      expect.objectContaining({ code: 'E_MISSING_ARCH' }),
    );
  });
});
