import { InteropError, Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { asExpected, fixtureBytes, formatCases } from '../../test/fixtures.js';
import { buildNpyHeader, readNpy, writeNpy } from '../index.js';

describe('npy against files np.save and jnp.save wrote', () => {
  for (const c of formatCases('npy-')) {
    it(`${c.case}`, () => {
      const bytes = fixtureBytes(c, 'npy');
      if (c.error) {
        expect(() => readNpy(bytes)).toThrow(expect.objectContaining({ code: c.error }));
        return;
      }
      const t = readNpy(bytes);
      expect(asExpected(t)).toEqual(c.expected['']);
      if (c.roundtrip !== false) expect(Buffer.from(writeNpy(t)).equals(Buffer.from(bytes))).toBe(true);
    });
  }
});

describe('npy header', () => {
  it('pads the prefix to a multiple of 64 bytes and ends with a newline', () => {
    for (const shape of [[], [1], [12345678901], [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]]) {
      const h = buildNpyHeader('float32', shape);
      expect(h.length % 64).toBe(0);
      expect(h[h.length - 1]).toBe(0x0a);
    }
  });

  it('rejects a record whose data is cut short', () => {
    const bytes = writeNpy(Tensor.fromArray([1, 2, 3], [3], 'float32')).subarray(0, 130);
    try {
      readNpy(bytes);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InteropError);
      expect((e as InteropError).code).toBe('E_FORMAT_TRUNCATED');
      expect((e as InteropError).details.offset).toBe(128);
    }
  });

  it('rejects a shape whose byte size overflows', () => {
    const text = "{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }";
    const bytes = new Uint8Array(10 + text.length + 1);
    bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, text.length + 1, 0]);
    bytes.set(new TextEncoder().encode(`${text}\n`), 10);
    expect(() => readNpy(bytes)).toThrow(expect.objectContaining({ code: 'E_FORMAT_LIMIT' }));
  });
});
