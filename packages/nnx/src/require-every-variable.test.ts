import { isInteropError } from '@interop/core';
import { msgpackCodec, safetensorsCodec } from '@interop/formats';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { nnxFiles } from './files-part.js';

function refusal(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (isInteropError(e)) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('a file read with a spec must set every variable of the spec model', () => {
  const fixture = loadFixture('layers_nnx', 'linear');
  const spec = fixture.manifest.spec;
  const bytes = fixture.file('checkpoint');

  it('a msgpack file without the bias is refused, naming it (not zeros in its place)', () => {
    const tree = new Map(msgpackCodec.open(bytes) as Map<string, unknown>);
    tree.delete('bias');
    const e = refusal(() => nnxFiles.readTree!(tree, 'msgpack', spec));
    expect(e.code).toBe('E_FORMAT_MISMATCH');
    expect(e.message).toMatch(/no array for bias/);
    expect(e.details.fix).toMatch(/OUTPUT\.arch\.json/);
  });

  it('a safetensors file without the kernel is refused the same way', () => {
    const full = nnxFiles.read(bytes, 'msgpack', spec).model;
    const tensors = safetensorsCodec.open(nnxFiles.write(full, 'safetensors').bytes) as Map<string, unknown>;
    const tree = new Map(tensors);
    tree.delete('kernel');
    expect(refusal(() => nnxFiles.readTree!(tree, 'safetensors', spec)).message).toMatch(/no array for kernel/);
  });

  it('the whole file reads as before', () => {
    expect(() => nnxFiles.read(bytes, 'msgpack', spec)).not.toThrow();
  });
});
