import { allclose } from '@interop/runtime';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { brainstateFiles } from './files-part.js';

const TREES = ['autoencoder', 'cnn', 'cnn_maxpool', 'resnet'];
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

function tree(name: string) {
  const fixture = loadFixture('trees_brainstate', name);
  return { fixture, bytes: fixture.file('checkpoint'), spec: fixture.manifest.spec as { name: string } };
}

describe('BrainState module trees through the CLI files', () => {
  it.each(TREES)('%s: read with its Module spec, run like BrainState, write the same bytes and spec', (name) => {
    const { fixture, bytes, spec } = tree(name);
    const loaded = brainstateFiles.read(bytes, 'msgpack', spec);
    expect(loaded.assumed).toEqual([]);
    const y = brainstateFiles.forward(loaded.model, fixture.arrays.input!);
    expect(allclose(y, fixture.arrays.output!, fixture.manifest.tolerance!)).toBe(true);
    const written = brainstateFiles.write(loaded.model, 'msgpack');
    expect(same(written.bytes, bytes)).toBe(true);
    expect(written.spec).toEqual(spec);
  });

  it.each(TREES)('%s: safetensors of a tree read back with the spec computes the same', (name) => {
    const { fixture, bytes, spec } = tree(name);
    const { bytes: st } = brainstateFiles.write(brainstateFiles.read(bytes, 'msgpack', spec).model, 'safetensors');
    const y = brainstateFiles.forward(brainstateFiles.read(st, 'safetensors', spec).model, fixture.arrays.input!);
    expect(allclose(y, fixture.arrays.output!, fixture.manifest.tolerance!)).toBe(true);
  });

  it('without a spec, the encoder/decoder MLP is a tree with assumed lines, written back byte-identical', () => {
    const { bytes } = tree('autoencoder');
    const loaded = brainstateFiles.read(bytes, 'msgpack', undefined);
    expect(loaded.spec).toMatchObject({ type: 'Module', name: 'Model' });
    expect(loaded.spec).not.toHaveProperty('forward');
    expect(loaded.assumed.at(-1)).toMatch(/^\(root\): a module Model of decoder, encoder/);
    expect(same(brainstateFiles.write(loaded.model, 'msgpack').bytes, bytes)).toBe(true);
  });

  it('without a spec, a CNN is refused: a conv in a tree needs its in_size, which the file does not store', () => {
    expect(() => brainstateFiles.read(tree('cnn').bytes, 'msgpack', undefined, { sampleInput: [12, 12, 1] })).toThrow(
      expect.objectContaining({ code: 'E_MISSING_ARCH', message: expect.stringContaining('conv1') }),
    );
  });
});
