import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { toyCodec } from './toy-format.js';

const w = Tensor.fromArray([0.1, -2, 3.5, 1e-8], [2, 2], 'float32');
const b = Tensor.fromArray([0.3, 7], [2], 'float32');

describe('the toy file format', () => {
  it('writes JSON that starts with its magic and opens to the same float32 tensors', () => {
    const bytes = toyCodec.write(
      new Map([
        ['weight', w],
        ['bias', b],
      ]),
    );
    expect(new TextDecoder().decode(bytes.subarray(0, 16))).toBe('{"format":"toy",');
    expect(toyCodec.detect(bytes.subarray(0, 16))).toBe(true);
    const tree = toyCodec.open(bytes) as Map<string, Tensor>;
    expect([...tree.keys()]).toEqual(['weight', 'bias']);
    expect(tree.get('weight')!.equals(w) && tree.get('bias')!.equals(b)).toBe(true);
    expect(toyCodec.write(tree)).toEqual(bytes);
    expect(toyCodec.list({ size: bytes.length, read: (offset, length) => bytes.subarray(offset, offset + length) })).toEqual([
      { path: 'weight', dtype: 'float32', shape: [2, 2], byteLength: 16 },
      { path: 'bias', dtype: 'float32', shape: [2], byteLength: 8 },
    ]);
  });

  it('is not taken for another format, and refuses a malformed file with E_FORMAT_CORRUPT', () => {
    expect(toyCodec.detect(new TextEncoder().encode('{"arrays":{}}'))).toBe(false);
    expect(() => toyCodec.open(new TextEncoder().encode('{"format":"toy",'))).toThrow(
      expect.objectContaining({ code: 'E_FORMAT_CORRUPT' }),
    );
    const short = '{"format":"toy","version":1,"arrays":{"w":{"dtype":"float32","shape":[2],"data":[1]}}}';
    expect(() => toyCodec.open(new TextEncoder().encode(short))).toThrow(
      expect.objectContaining({ code: 'E_FORMAT_CORRUPT', message: expect.stringContaining('"w"') }),
    );
  });
});
