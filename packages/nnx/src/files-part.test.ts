import { allclose } from '@interop/runtime';
import { listFixtures, loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { nnxFiles } from './files-part.js';

const cases = listFixtures('trees_nnx');
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

function tree(name: string) {
  const fixture = loadFixture('trees_nnx', name);
  return { fixture, bytes: fixture.file('checkpoint'), spec: fixture.manifest.spec as { name: string } };
}

describe('NNX module trees through the CLI files', () => {
  it.each(cases)('%s: read with its Module spec, run like Flax NNX, write the same bytes and spec', (name) => {
    const { fixture, bytes, spec } = tree(name);
    const loaded = nnxFiles.read(bytes, 'msgpack', spec);
    expect(loaded.assumed).toEqual([]);
    const y = nnxFiles.forward(loaded.model, fixture.arrays.input!);
    expect(allclose(y, fixture.arrays.output!, fixture.manifest.tolerance!)).toBe(true);
    const written = nnxFiles.write(loaded.model, 'msgpack');
    expect(same(written.bytes, bytes)).toBe(true);
    expect(written.spec).toMatchObject({ type: 'Module', name: spec.name, forward: expect.any(Array) });
  });

  it.each(cases)('%s: safetensors of a tree read back with the spec computes the same', (name) => {
    const { fixture, bytes, spec } = tree(name);
    const { bytes: st } = nnxFiles.write(nnxFiles.read(bytes, 'msgpack', spec).model, 'safetensors');
    const y = nnxFiles.forward(nnxFiles.read(st, 'safetensors', spec).model, fixture.arrays.input!);
    expect(allclose(y, fixture.arrays.output!, fixture.manifest.tolerance!)).toBe(true);
  });

  it.each(cases.filter((n) => n !== 'wide_list'))(
    '%s: without a spec, a tree is inferred with assumed lines and written back byte-identical',
    (name) => {
      const { bytes } = tree(name);
      const loaded = nnxFiles.read(bytes, 'msgpack', undefined);
      expect(loaded.spec).toMatchObject({ type: 'Module', name: 'Model' });
      expect(loaded.spec).not.toHaveProperty('forward');
      expect(loaded.assumed.at(-1)).toMatch(/^\(root\): a module Model of /);
      expect(same(nnxFiles.write(loaded.model, 'msgpack').bytes, bytes)).toBe(true);
    },
  );

  it('a Sequential keeps its digit-string keys (the layers_nnx files)', () => {
    const bytes = loadFixture('layers_nnx', 'sequential_mlp').file('checkpoint');
    const spec = loadFixture('layers_nnx', 'sequential_mlp').manifest.spec;
    expect(same(nnxFiles.write(nnxFiles.read(bytes, 'msgpack', spec).model, 'msgpack').bytes, bytes)).toBe(true);
  });

  it('a safetensors file without a spec asks for one, showing a Module spec', () => {
    expect(() => nnxFiles.read(new Uint8Array(8), 'safetensors', undefined)).toThrow(
      expect.objectContaining({ code: 'E_MISSING_ARCH', message: expect.stringContaining('"type": "Module"') }),
    );
  });
});
