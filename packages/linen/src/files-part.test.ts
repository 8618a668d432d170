import { allclose } from '@interop/runtime';
import { listFixtures, loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { linenFiles } from './files-part.js';

const cases = listFixtures('trees_linen');
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

function tree(name: string) {
  const fixture = loadFixture('trees_linen', name);
  return { fixture, bytes: fixture.file('checkpoint'), spec: fixture.manifest.spec as { name: string } };
}

describe('Linen module trees through the CLI files', () => {
  it.each(cases)('%s: read with its Module spec, run like Flax, write the same bytes and spec', (name) => {
    const { fixture, bytes, spec } = tree(name);
    const loaded = linenFiles.read(bytes, 'msgpack', spec);
    expect(loaded.assumed).toEqual([]);
    const y = linenFiles.forward(loaded.model, fixture.arrays.input!);
    expect(allclose(y, fixture.arrays.output!, fixture.manifest.tolerance!)).toBe(true);
    const written = linenFiles.write(loaded.model, 'msgpack');
    expect(same(written.bytes, bytes)).toBe(true);
    expect(written.spec).toMatchObject({ type: 'Module', name: spec.name, forward: expect.any(Array) });
  });

  it.each(cases)('%s: safetensors of a tree read back with the spec computes the same', (name) => {
    const { fixture, bytes, spec } = tree(name);
    const { bytes: st } = linenFiles.write(linenFiles.read(bytes, 'msgpack', spec).model, 'safetensors');
    const y = linenFiles.forward(linenFiles.read(st, 'safetensors', spec).model, fixture.arrays.input!);
    expect(allclose(y, fixture.arrays.output!, fixture.manifest.tolerance!)).toBe(true);
  });

  it.each(cases)('%s: without a spec, a tree is inferred with assumed lines and written back byte-identical', (name) => {
    const { bytes } = tree(name);
    const loaded = linenFiles.read(bytes, 'msgpack', undefined);
    expect(loaded.spec).toMatchObject({ type: 'Module', name: 'Model' });
    expect(loaded.spec).not.toHaveProperty('forward');
    expect(loaded.assumed.at(-1)).toMatch(/^\(root\): a module of .* no forward/);
    expect(same(linenFiles.write(loaded.model, 'msgpack').bytes, bytes)).toBe(true);
  });
});
