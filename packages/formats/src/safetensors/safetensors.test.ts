import { describe, expect, it } from 'vitest';
import { asExpected, fixtureBytes, formatCases } from '../../test/fixtures.js';
import { readSafetensors, writeSafetensors } from '../index.js';

describe('safetensors from safetensors.numpy.save', () => {
  for (const c of formatCases('safetensors-')) {
    it(`${c.case}: values equal, and writing reproduces the bytes`, () => {
      const bytes = fixtureBytes(c, 'safetensors');
      const { tensors, metadata } = readSafetensors(bytes);
      expect(Object.fromEntries([...tensors].map(([k, t]) => [k, asExpected(t)]))).toEqual(c.expected);
      expect(Buffer.from(writeSafetensors(tensors, metadata)).equals(Buffer.from(bytes))).toBe(true);
    });
  }

  it('refuses a header length beyond the file', () => {
    const bytes = new Uint8Array(16);
    new DataView(bytes.buffer).setBigUint64(0, 1000n, true);
    expect(() => readSafetensors(bytes)).toThrow(expect.objectContaining({ code: 'E_FORMAT_TRUNCATED' }));
  });

  it('refuses repeated tensor names', () => {
    const json = '{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}';
    const bytes = new Uint8Array(8 + json.length + 1);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
    bytes.set(new TextEncoder().encode(json), 8);
    expect(() => readSafetensors(bytes)).toThrow(expect.objectContaining({ code: 'E_FORMAT_DUPLICATE_KEY' }));
  });
});
