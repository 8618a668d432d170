import { allclose } from '@interop/runtime';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { equinoxFiles } from './files-part.js';
import { moduleFromSpec, moduleToSpec, toChannelsLast } from './index.js';

const TREES = ['cnn_tutorial', 'cnn_fields', 'autoencoder', 'resblock', 'resnet_projection'];
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

function tree(name: string) {
  const fixture = loadFixture('trees_equinox', name);
  return { fixture, bytes: fixture.file('checkpoint'), spec: fixture.manifest.spec as Record<string, unknown> };
}

describe('Equinox module trees through the CLI files', () => {
  it.each(TREES)('%s: read with its Module spec, run like Equinox (channels-last batch), write the same bytes and spec', (name) => {
    const { fixture, bytes, spec } = tree(name);
    const loaded = equinoxFiles.read(bytes, 'eqx', spec);
    expect(loaded.assumed).toEqual([]);
    const y = equinoxFiles.forward(loaded.model, toChannelsLast(fixture.arrays.batch_input!, true));
    expect(allclose(y, toChannelsLast(fixture.arrays.batch_output!, true), fixture.manifest.tolerance!)).toBe(true);
    const written = equinoxFiles.write(loaded.model, 'eqx');
    expect(same(written.bytes, bytes)).toBe(true);
    expect(written.spec).toEqual(moduleToSpec(moduleFromSpec(spec as never)));
  });

  it('runs in inference mode, as eqx.nn.inference_mode: a BatchNorm built for training uses its running statistics', () => {
    const { fixture, bytes, spec } = tree('resblock');
    const children = spec.children as Record<string, Record<string, unknown>>;
    const training = { ...spec, children: { ...children, norm: { ...children.norm, inference: false } } };
    const loaded = equinoxFiles.read(bytes, 'eqx', training);
    const y = equinoxFiles.forward(loaded.model, toChannelsLast(fixture.arrays.batch_input!, true));
    expect(allclose(y, toChannelsLast(fixture.arrays.batch_output!, true), fixture.manifest.tolerance!)).toBe(true);
  });

  it('without --arch, an .eqx file is refused (E_MISSING_ARCH), the fix showing a Module spec', () => {
    expect(() => equinoxFiles.read(tree('cnn_fields').bytes, 'eqx', undefined)).toThrow(
      expect.objectContaining({ code: 'E_MISSING_ARCH', message: expect.stringContaining('"type": "Module"') }),
    );
    expect(() => equinoxFiles.read(tree('cnn_fields').bytes, 'eqx', undefined)).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/^an Equinox checkpoint needs its architecture.*with the Equinox spec/) }),
    );
  });
});
